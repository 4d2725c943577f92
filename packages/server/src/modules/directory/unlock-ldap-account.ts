import type { DirectoryWriteResult } from './directory-connector.js';
import { DirectoryRejectedError } from './directory-errors.js';
import { findLdapEntry } from './find-ldap-entry.js';
import { type LdapContext, withLdapSession } from './ldap-session.js';
import { reconcileLostReply } from './reconcile-lost-reply.js';

const NO_SUCH_ATTRIBUTE = 16;

/** Whether the directory holds the person locked out right now. */
export async function isLdapLocked(ctx: LdapContext, personId: string): Promise<boolean> {
  return withLdapSession(ctx, async (session) => {
    const entry = await findLdapEntry(ctx, session, 'person', personId, ctx.dialect.stateAttributes);
    return ctx.dialect.readAccountState(entry, ctx.now()).locked;
  });
}

/**
 * Clears a lockout and nothing else: the password is untouched. A disabled account is refused,
 * because on OpenLDAP "disabled" is itself a (permanent) lock, and an unlock must never enable
 * an account someone switched off.
 */
export async function unlockLdapAccount(ctx: LdapContext, personId: string): Promise<DirectoryWriteResult> {
  return reconcileLostReply(
    () =>
      withLdapSession(ctx, async (session): Promise<DirectoryWriteResult> => {
        const entry = await findLdapEntry(ctx, session, 'person', personId, ctx.dialect.stateAttributes);
        if (ctx.dialect.readAccountState(entry, ctx.now()).disabled) {
          throw new DirectoryRejectedError(`the account ${personId} is disabled in the directory; an unlock does not enable it`);
        }
        const changes = ctx.dialect.unlockChanges(entry);
        if (changes.length === 0) return { outcome: 'unchanged' };
        try {
          await session.modify(entry.dn, changes);
        } catch (error) {
          // Cleared between our read and our write (ppolicy, another admin): the goal is met.
          if (error instanceof DirectoryRejectedError && error.resultCode === NO_SUCH_ATTRIBUTE) return { outcome: 'unchanged' };
          throw error;
        }
        return { outcome: 'applied', reconciled: false };
      }),
    async () => !(await isLdapLocked(ctx, personId)),
  );
}
