import { activeDirectoryDialect } from './active-directory-dialect.js';
import type { DirectoryAction, DirectoryConnector } from './directory-connector.js';
import { changeLdapGroupMembership, isLdapMember } from './change-ldap-group-membership.js';
import { LdapConnectionConfig, type LdapConnectionConfigInput } from './ldap-config.js';
import { type DirectoryLog, type LdapContext, openLdapSession, withLdapSession } from './ldap-session.js';
import { openLdapDialect } from './openldap-dialect.js';
import { listLdapPeople, readLdapPerson } from './read-ldap-person.js';
import { hasLdapMfaFactors, resetLdapMfa } from './reset-ldap-mfa.js';
import { readLdapPasswordState, setLdapPassword } from './set-ldap-password.js';
import { isLdapLocked, unlockLdapAccount } from './unlock-ldap-account.js';

const LDAP_ACTIONS: ReadonlySet<DirectoryAction> = new Set(['unlock_account', 'reset_password', 'add_group_member', 'remove_group_member']);

export interface CreateLdapConnectorOptions {
  log?: DirectoryLog;
  /** The clock, for lock expiry and read-back windows. */
  now?: () => number;
}

/** An LDAP / Active Directory connector from an admin's configuration (validated here). */
export function createLdapConnector(config: LdapConnectionConfigInput, options: CreateLdapConnectorOptions = {}): DirectoryConnector {
  const settings = LdapConnectionConfig.parse(config);
  const dialect =
    settings.dialect === 'active_directory'
      ? activeDirectoryDialect(settings.attributes)
      : openLdapDialect(settings.attributes, settings.lockoutDurationSeconds);
  const ctx: LdapContext = { settings, dialect, log: options.log ?? null, now: options.now ?? Date.now };
  // Plain LDAP has no standard second factor: only a configured MFA attribute lets the desk clear one.
  const capabilities: ReadonlySet<DirectoryAction> = dialect.attributes.mfaFactors === null ? LDAP_ACTIONS : new Set([...LDAP_ACTIONS, 'reset_mfa']);

  return {
    kind: 'ldap',
    capabilities,
    verifyConnection: () =>
      withLdapSession(ctx, async (session) => {
        await session.search(settings.peopleBaseDn, { scope: 'base', attributes: ['1.1'] });
        await session.search(settings.groupsBaseDn, { scope: 'base', attributes: ['1.1'] });
      }),
    async *listPeople(listOptions = {}) {
      const opened = await openLdapSession(ctx);
      try {
        yield* listLdapPeople(ctx, opened.session, listOptions.pageSize ?? settings.pageSize);
      } finally {
        await opened.close();
      }
    },
    getPerson: (id) => withLdapSession(ctx, (session) => readLdapPerson(ctx, session, id)),
    unlockAccount: (personId) => unlockLdapAccount(ctx, personId),
    setPassword: (personId, newPassword, setOptions) => setLdapPassword(ctx, personId, newPassword, setOptions),
    addGroupMember: (groupId, personId) => changeLdapGroupMembership(ctx, groupId, personId, 'add'),
    removeGroupMember: (groupId, personId) => changeLdapGroupMembership(ctx, groupId, personId, 'remove'),
    isMember: (groupId, personId) => isLdapMember(ctx, groupId, personId),
    isLocked: (personId) => isLdapLocked(ctx, personId),
    readPasswordState: (personId) => readLdapPasswordState(ctx, personId),
    resetMfa: (personId) => resetLdapMfa(ctx, personId),
    hasMfaFactors: (personId) => hasLdapMfaFactors(ctx, personId),
  };
}
