import { Attribute, Change } from 'ldapts';
import type { DirectoryWriteResult } from './directory-connector.js';
import { DirectoryRejectedError } from './directory-errors.js';
import { findLdapEntry } from './find-ldap-entry.js';
import { stringOf } from './ldap-entry-values.js';
import { type LdapContext, withLdapSession } from './ldap-session.js';
import { mfaResetSteps } from './mfa-reset-steps.js';
import { reconcileLostReply } from './reconcile-lost-reply.js';

const NO_SUCH_ATTRIBUTE = 16;
const MFA_CONSOLE = "your MFA provider's admin console";
const RECORD_DONE = 'Come back to this request and record that it is done.';

/**
 * Whether the person still has an enrolled factor. A presence filter on the entry itself: the
 * factors (often TOTP seeds) never cross the wire, not even to the desk. Null when no MFA
 * attribute is configured and the directory cannot tell.
 */
export async function hasLdapMfaFactors(ctx: LdapContext, personId: string): Promise<boolean | null> {
  const attribute = ctx.dialect.attributes.mfaFactors;
  if (attribute === null) return null;
  return withLdapSession(ctx, async (session) => {
    const entry = await findLdapEntry(ctx, session, 'person', personId, []);
    const holding = await session.search(entry.dn, { scope: 'base', filter: `(${attribute}=*)`, attributes: ['1.1'] });
    return holding.length > 0;
  });
}

/**
 * Deletes every value of the configured MFA attribute, so the person's MFA server asks them to
 * enrol again at their next sign-in. One delete without values: the directory itself says
 * whether anything was there (noSuchAttribute is `unchanged`), so there is no read-then-write
 * race and no factor is ever read. A lost reply is settled by the presence read-back. Without a
 * configured attribute the agent does it in the MFA provider's console, with these steps.
 */
export async function resetLdapMfa(ctx: LdapContext, personId: string): Promise<DirectoryWriteResult> {
  const attribute = ctx.dialect.attributes.mfaFactors;
  if (attribute === null) {
    const entry = await withLdapSession(ctx, (session) =>
      findLdapEntry(ctx, session, 'person', personId, [ctx.dialect.attributes.name, ctx.dialect.attributes.email]),
    );
    const name = stringOf(entry, ctx.dialect.attributes.name) ?? 'the person';
    const email = stringOf(entry, ctx.dialect.attributes.email);
    return { outcome: 'manual', instructions: [...mfaResetSteps(MFA_CONSOLE, `${name} (id ${personId}${email ? `, ${email}` : ''})`), RECORD_DONE] };
  }
  return reconcileLostReply(
    () =>
      withLdapSession(ctx, async (session): Promise<DirectoryWriteResult> => {
        const entry = await findLdapEntry(ctx, session, 'person', personId, []);
        try {
          await session.modify(entry.dn, [new Change({ operation: 'delete', modification: new Attribute({ type: attribute }) })]);
        } catch (error) {
          if (error instanceof DirectoryRejectedError && error.resultCode === NO_SUCH_ATTRIBUTE) return { outcome: 'unchanged' };
          throw error;
        }
        return { outcome: 'applied', reconciled: false };
      }),
    async () => (await hasLdapMfaFactors(ctx, personId)) === false,
  );
}
