import type { Change, Entry } from 'ldapts';
import type { PasswordState } from './directory-connector.js';
import type { LdapAttributeOverrides } from './ldap-config.js';

/** Attribute names and filters one directory product uses. */
export interface LdapAttributes {
  immutableId: string;
  name: string;
  email: string;
  phone: string;
  manager: string;
  groupName: string;
  member: string;
  personFilter: string;
  groupFilter: string;
  modifiedAt: string;
  emailChangedAt: string | null;
  phoneChangedAt: string | null;
  /** The attribute holding enrolled second factors; null: no standard one, MFA resets are manual. */
  mfaFactors: string | null;
}

/** One directory operation of a write. */
export type LdapWriteStep = { kind: 'modify'; changes: Change[] } | { kind: 'exop'; oid: string; value: Buffer };

export interface AccountState {
  disabled: boolean;
  locked: boolean;
}

/**
 * Where OpenLDAP and Active Directory differ: ids, lockout and disabled flags, how a password is
 * written and how nested groups are found. Everything else in the connector is shared.
 */
export interface LdapDialect {
  readonly name: 'openldap' | 'active_directory';
  readonly attributes: LdapAttributes;
  /** Attributes ldapts must hand back as bytes. */
  readonly binaryAttributes: readonly string[];
  /** Read with a person whenever lock or disabled state matters. */
  readonly stateAttributes: readonly string[];
  readonly passwordStateAttributes: readonly string[];
  /** `walk`: the connector follows group nesting itself; `in_chain`: the server does (AD's matching rule). */
  readonly nestedGroups: 'walk' | 'in_chain';
  /** The entry's immutable id as the desk stores it, or null if absent. */
  readId(entry: Entry): string | null;
  /** An equality filter on the id, or null when the text cannot be an id of this directory. */
  idFilter(id: string): string | null;
  readAccountState(entry: Entry, now: number): AccountState;
  /** The modification that clears a lockout (and nothing else), given the entry's state attributes. */
  unlockChanges(entry: Entry): Change[];
  /** The operations that set a password and the must-change flag, in order. */
  passwordSteps(dn: string, newPassword: string, mustChange: boolean): LdapWriteStep[];
  readPasswordState(entry: Entry): PasswordState;
}

/** Applies an admin's attribute overrides to a preset. */
export function withOverrides(preset: LdapAttributes, overrides: LdapAttributeOverrides): LdapAttributes {
  const { emailChangedAt, phoneChangedAt, mfaFactors, ...names } = overrides;
  return {
    ...preset,
    ...Object.fromEntries(Object.entries(names).filter(([, v]) => v !== undefined)),
    emailChangedAt: emailChangedAt ?? preset.emailChangedAt,
    phoneChangedAt: phoneChangedAt ?? preset.phoneChangedAt,
    mfaFactors: mfaFactors ?? preset.mfaFactors,
  };
}
