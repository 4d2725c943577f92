import { Attribute, BerWriter, Change, escapeFilter } from 'ldapts';
import type { LdapAttributeOverrides } from './ldap-config.js';
import { type LdapDialect, withOverrides } from './ldap-dialect.js';
import { parseGeneralizedTime, stringOf, stringsOf } from './ldap-entry-values.js';

/** ppolicy's value for a lock an administrator set for good: OpenLDAP's "account disabled". */
export const PERMANENT_LOCK = '000001010000Z';
const PASSWORD_MODIFY_OID = '1.3.6.1.4.1.4203.1.11.1';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * OpenLDAP with the ppolicy overlay: entryUUID ids, inetOrgPerson people, groupOfNames groups
 * (nesting followed by the connector), pwdAccountLockedTime for locks, pwdReset for "must
 * change at next login". OpenLDAP has no disabled flag of its own; the ppolicy convention of a
 * permanent lock stands in for it, and an unlock never clears it.
 */
export function openLdapDialect(overrides: LdapAttributeOverrides, lockoutDurationSeconds: number): LdapDialect {
  const attributes = withOverrides(
    {
      immutableId: 'entryUUID',
      name: 'cn',
      email: 'mail',
      phone: 'telephoneNumber',
      manager: 'manager',
      groupName: 'cn',
      member: 'member',
      personFilter: '(objectClass=inetOrgPerson)',
      groupFilter: '(objectClass=groupOfNames)',
      modifiedAt: 'modifyTimestamp',
      emailChangedAt: null,
      phoneChangedAt: null,
      mfaFactors: null,
    },
    overrides,
  );
  return {
    name: 'openldap',
    attributes,
    binaryAttributes: [],
    stateAttributes: ['pwdAccountLockedTime', 'pwdFailureTime'],
    passwordStateAttributes: ['pwdChangedTime', 'pwdReset'],
    nestedGroups: 'walk',
    readId: (entry) => stringOf(entry, attributes.immutableId),
    idFilter(id) {
      // entryUUID is a UUID; a configured id attribute may be anything, and is escaped.
      if (attributes.immutableId.toLowerCase() === 'entryuuid' && !UUID.test(id)) return null;
      return `(${attributes.immutableId}=${escapeFilter`${id}`})`;
    },
    readAccountState(entry, now) {
      const lockedAt = stringOf(entry, 'pwdAccountLockedTime');
      if (lockedAt === null) return { disabled: false, locked: false };
      if (lockedAt === PERMANENT_LOCK) return { disabled: true, locked: false };
      const since = parseGeneralizedTime(lockedAt);
      // With a lockout duration ppolicy lets the lock lapse but leaves the attribute until the next bind.
      const lapsed = lockoutDurationSeconds > 0 && since !== null && since + lockoutDurationSeconds * 1000 <= now;
      return { disabled: false, locked: !lapsed };
    },
    unlockChanges(entry) {
      // Deleting pwdAccountLockedTime also resets ppolicy's failure count; the password stays as it is.
      if (stringOf(entry, 'pwdAccountLockedTime') === null) return [];
      return [new Change({ operation: 'delete', modification: new Attribute({ type: 'pwdAccountLockedTime' }) })];
    },
    passwordSteps(dn, newPassword, mustChange) {
      // The Password Modify operation (RFC 3062): slapd hashes the new password whatever its
      // configuration, where a plain replace of userPassword would store clear text on a server
      // without ppolicy_hash_cleartext. The must-change flag follows as its own replace.
      return [
        { kind: 'exop', oid: PASSWORD_MODIFY_OID, value: passwordModifyRequest(dn, newPassword) },
        {
          kind: 'modify',
          changes: [
            new Change({ operation: 'replace', modification: new Attribute({ type: 'pwdReset', values: mustChange ? ['TRUE'] : [] }) }),
          ],
        },
      ];
    },
    readPasswordState(entry) {
      const reset = stringsOf(entry, 'pwdReset')[0];
      return {
        changedAt: parseGeneralizedTime(stringOf(entry, 'pwdChangedTime')),
        mustChange: reset === undefined ? false : reset.toUpperCase() === 'TRUE',
      };
    },
  };
}

/** PasswdModifyRequestValue ::= SEQUENCE { userIdentity [0] OCTET STRING, newPasswd [2] OCTET STRING }. */
function passwordModifyRequest(dn: string, newPassword: string): Buffer {
  const writer = new BerWriter();
  writer.startSequence();
  writer.writeString(dn, 0x80);
  writer.writeString(newPassword, 0x82);
  writer.endSequence();
  return writer.buffer;
}
