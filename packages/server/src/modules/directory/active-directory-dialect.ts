import { Attribute, Change } from 'ldapts';
import type { LdapAttributeOverrides } from './ldap-config.js';
import { type LdapDialect, withOverrides } from './ldap-dialect.js';
import { bufferOf, stringOf } from './ldap-entry-values.js';

const ACCOUNT_DISABLED = 0x2;
/** msDS-User-Account-Control-Computed: the lockout as AD judges it now, lockout duration included. */
const LOCKED_OUT = 0x10;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** 100 ns ticks between 1601-01-01 (FILETIME) and 1970-01-01. */
const FILETIME_EPOCH_OFFSET = 116_444_736_000_000_000n;

/**
 * Active Directory: objectGUID ids, userAccountControl for disabled, the computed lockout bit,
 * unicodePwd for passwords (AD accepts it only over an encrypted connection) and pwdLastSet=0
 * for "must change". Nested groups come from the server in one query with
 * LDAP_MATCHING_RULE_IN_CHAIN (1.2.840.113556.1.4.1941). Not exercised by the test suite,
 * which runs OpenLDAP: this is the mapping, kept small on purpose.
 */
export function activeDirectoryDialect(overrides: LdapAttributeOverrides): LdapDialect {
  const attributes = withOverrides(
    {
      immutableId: 'objectGUID',
      name: 'displayName',
      email: 'mail',
      phone: 'telephoneNumber',
      manager: 'manager',
      groupName: 'cn',
      member: 'member',
      personFilter: '(&(objectCategory=person)(objectClass=user))',
      groupFilter: '(objectClass=group)',
      modifiedAt: 'whenChanged',
      emailChangedAt: null,
      phoneChangedAt: null,
      mfaFactors: null,
    },
    overrides,
  );
  const binaryId = attributes.immutableId.toLowerCase() === 'objectguid';
  return {
    name: 'active_directory',
    attributes,
    binaryAttributes: binaryId ? [attributes.immutableId] : [],
    stateAttributes: ['userAccountControl', 'msDS-User-Account-Control-Computed', 'lockoutTime'],
    passwordStateAttributes: ['pwdLastSet'],
    nestedGroups: 'in_chain',
    readId(entry) {
      if (!binaryId) return stringOf(entry, attributes.immutableId);
      const bytes = bufferOf(entry, attributes.immutableId);
      return bytes && bytes.length === 16 ? guidToString(bytes) : null;
    },
    idFilter(id) {
      if (!binaryId) return `(${attributes.immutableId}=${escapeValue(Buffer.from(id, 'utf8'))})`;
      if (!GUID.test(id)) return null;
      return `(${attributes.immutableId}=${escapeValue(guidToBytes(id))})`;
    },
    readAccountState(entry) {
      const control = Number(stringOf(entry, 'userAccountControl') ?? '0');
      const computed = Number(stringOf(entry, 'msDS-User-Account-Control-Computed') ?? '0');
      return { disabled: (control & ACCOUNT_DISABLED) !== 0, locked: (computed & LOCKED_OUT) !== 0 };
    },
    unlockChanges(entry) {
      if ((stringOf(entry, 'lockoutTime') ?? '0') === '0') return [];
      return [new Change({ operation: 'replace', modification: new Attribute({ type: 'lockoutTime', values: ['0'] }) })];
    },
    passwordSteps(_dn, newPassword, mustChange) {
      const quoted = Buffer.from(`"${newPassword}"`, 'utf16le');
      return [
        {
          kind: 'modify',
          changes: [
            new Change({ operation: 'replace', modification: new Attribute({ type: 'unicodePwd', values: [quoted] }) }),
            new Change({ operation: 'replace', modification: new Attribute({ type: 'pwdLastSet', values: [mustChange ? '0' : '-1'] }) }),
          ],
        },
      ];
    },
    readPasswordState(entry) {
      const raw = stringOf(entry, 'pwdLastSet');
      if (raw === null) return { changedAt: null, mustChange: null };
      if (raw === '0') return { changedAt: null, mustChange: true };
      return { changedAt: Number((BigInt(raw) - FILETIME_EPOCH_OFFSET) / 10_000n), mustChange: false };
    },
  };
}

/** objectGUID bytes -> the canonical text form (the first three fields are little-endian). */
function guidToString(bytes: Buffer): string {
  const hex = (from: number, to: number, reverse: boolean) => {
    const part = Buffer.from(bytes.subarray(from, to));
    return (reverse ? part.reverse() : part).toString('hex');
  };
  return `${hex(0, 4, true)}-${hex(4, 6, true)}-${hex(6, 8, true)}-${hex(8, 10, false)}-${hex(10, 16, false)}`;
}

function guidToBytes(guid: string): Buffer {
  const [a = '', b = '', c = '', d = '', e = ''] = guid.split('-');
  const le = (text: string) => Buffer.from(text, 'hex').reverse();
  return Buffer.concat([le(a), le(b), le(c), Buffer.from(d + e, 'hex')]);
}

function escapeValue(bytes: Buffer): string {
  return [...bytes].map((byte) => `\\${byte.toString(16).padStart(2, '0')}`).join('');
}
