import { Attribute, Change, type Entry, escapeFilter } from 'ldapts';
import type { DirectoryWriteResult } from './directory-connector.js';
import { DirectoryRejectedError } from './directory-errors.js';
import { findLdapEntry } from './find-ldap-entry.js';
import { type LdapContext, type LdapSession, withLdapSession } from './ldap-session.js';
import { reconcileLostReply } from './reconcile-lost-reply.js';

async function isDirectMember(ctx: LdapContext, session: LdapSession, group: Entry, person: Entry): Promise<boolean> {
  // The server compares the DNs, with its own normalisation rules.
  const found = await session.search(group.dn, {
    scope: 'base',
    filter: `(${ctx.dialect.attributes.member}=${escapeFilter`${person.dn}`})`,
    attributes: ['1.1'],
  });
  return found.length > 0;
}

/** Whether the person is a direct member of the group (nested membership is not changed by writes). */
export async function isLdapMember(ctx: LdapContext, groupId: string, personId: string): Promise<boolean> {
  return withLdapSession(ctx, async (session) => {
    const group = await findLdapEntry(ctx, session, 'group', groupId, []);
    const person = await findLdapEntry(ctx, session, 'person', personId, []);
    return isDirectMember(ctx, session, group, person);
  });
}

/**
 * Adds or removes a direct membership, both addressed by immutable id and resolved to DNs on
 * the connection that writes. Already in the wanted state is `unchanged`: when the directory
 * refuses (value exists, no such value, or a product's own code for either) the membership is
 * read and the refusal stands only if the wanted state is not there.
 */
export async function changeLdapGroupMembership(
  ctx: LdapContext,
  groupId: string,
  personId: string,
  change: 'add' | 'remove',
): Promise<DirectoryWriteResult> {
  const wanted = change === 'add';
  return reconcileLostReply(
    () =>
      withLdapSession(ctx, async (session): Promise<DirectoryWriteResult> => {
        const group = await findLdapEntry(ctx, session, 'group', groupId, []);
        const person = await findLdapEntry(ctx, session, 'person', personId, []);
        const modification = new Attribute({ type: ctx.dialect.attributes.member, values: [person.dn] });
        try {
          await session.modify(group.dn, [new Change({ operation: wanted ? 'add' : 'delete', modification })]);
        } catch (error) {
          if (error instanceof DirectoryRejectedError && (await isDirectMember(ctx, session, group, person)) === wanted) {
            return { outcome: 'unchanged' };
          }
          throw error;
        }
        return { outcome: 'applied', reconciled: false };
      }),
    async () => (await isLdapMember(ctx, groupId, personId)) === wanted,
  );
}
