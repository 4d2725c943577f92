import type { DirectoryWriteResult, PasswordState, SetPasswordOptions } from './directory-connector.js';
import { DirectoryOutcomeUnknownError } from './directory-errors.js';
import { findLdapEntry } from './find-ldap-entry.js';
import { type LdapContext, withLdapSession } from './ldap-session.js';
import { reconcileLostReply } from './reconcile-lost-reply.js';

/** What the directory says about the person's password: when it changed, whether it must change. */
export async function readLdapPasswordState(ctx: LdapContext, personId: string): Promise<PasswordState> {
  return withLdapSession(ctx, async (session) => {
    const entry = await findLdapEntry(ctx, session, 'person', personId, ctx.dialect.passwordStateAttributes);
    return ctx.dialect.readPasswordState(entry);
  });
}

/**
 * Sets a person's password (chosen by the caller's reset flow, never by an agent) and the
 * must-change flag. The password is a secret here too: it is scrubbed from every error and
 * never logged. A lost reply is reconciled through the password's change time and flag.
 */
export async function setLdapPassword(
  ctx: LdapContext,
  personId: string,
  newPassword: string,
  options: SetPasswordOptions,
): Promise<DirectoryWriteResult> {
  // Directory change times have one-second resolution.
  const startedAt = Math.floor(ctx.now() / 1000) * 1000;
  return reconcileLostReply(
    () =>
      withLdapSession(
        ctx,
        async (session): Promise<DirectoryWriteResult> => {
          const entry = await findLdapEntry(ctx, session, 'person', personId, []);
          const steps = ctx.dialect.passwordSteps(entry.dn, newPassword, options.mustChangeAtNextLogin);
          for (const [index, step] of steps.entries()) {
            try {
              if (step.kind === 'exop') await session.exop(step.oid, step.value, entry.dn);
              else await session.modify(entry.dn, step.changes);
            } catch (error) {
              // After the first step the password has changed: whatever failed next, "failed" would be a lie.
              if (index === 0 || error instanceof DirectoryOutcomeUnknownError) throw error;
              const why = error instanceof Error ? error.message : 'unknown error';
              throw new DirectoryOutcomeUnknownError(`password of ${personId} set, but the must-change flag was not: ${why}`);
            }
          }
          return { outcome: 'applied', reconciled: false };
        },
        [newPassword],
      ),
    async () => {
      const state = await readLdapPasswordState(ctx, personId);
      if (state.changedAt === null || state.changedAt < startedAt) return false;
      if (state.mustChange === options.mustChangeAtNextLogin) return true;
      // The password landed and the flag did not: finishing the flag (an idempotent replace) is
      // completing this write, not applying the password twice.
      await finishMustChange(ctx, personId, newPassword, options.mustChangeAtNextLogin);
      return (await readLdapPasswordState(ctx, personId)).mustChange === options.mustChangeAtNextLogin;
    },
  );
}

async function finishMustChange(ctx: LdapContext, personId: string, newPassword: string, mustChange: boolean): Promise<void> {
  await withLdapSession(
    ctx,
    async (session) => {
      const entry = await findLdapEntry(ctx, session, 'person', personId, []);
      const [, ...flagSteps] = ctx.dialect.passwordSteps(entry.dn, newPassword, mustChange);
      for (const step of flagSteps) if (step.kind === 'modify') await session.modify(entry.dn, step.changes);
    },
    [newPassword],
  );
}
