import type { Db, Tx } from '../../db/connect.js';
import { forbidden } from '../../errors.js';
import type { Actor } from './actor.js';
import { hasActiveTotp } from './mfa-repo.js';

/** How recently a session must have passed two-factor sign-in for an identity action, unless a route asks for less. */
export const IDENTITY_ACTION_MFA_MAX_AGE_MS = 12 * 60 * 60 * 1000;

/** Account security is the person's own business, in their own browser session: API tokens cannot change it. */
export function assertOwnSession(actor: Actor): void {
  if (actor.scopes !== null) throw forbidden('Two-factor sign-in is managed in a signed-in browser session, not with an API token');
}

/**
 * The guard of identity actions (issue 5): the person has an active authenticator and
 * this session passed it within `maxAgeMs`. API tokens never pass.
 */
export async function requireRecentMfa(q: Db | Tx, actor: Actor, opts: { maxAgeMs?: number; now: number }): Promise<void> {
  if (actor.scopes !== null) throw forbidden('Identity actions need a signed-in session with two-factor sign-in; API tokens cannot perform them');
  if (!(await hasActiveTotp(q, actor.id))) {
    throw forbidden('Turn on two-factor sign-in (your account page, Security) before performing identity actions');
  }
  const maxAgeMs = opts.maxAgeMs ?? IDENTITY_ACTION_MFA_MAX_AGE_MS;
  if (actor.mfaAt == null || opts.now - actor.mfaAt > maxAgeMs) {
    throw forbidden('Confirm it is you first: enter a code from your authenticator app on your account page, then try again');
  }
}
