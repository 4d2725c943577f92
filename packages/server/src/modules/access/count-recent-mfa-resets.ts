import type { AccessAction } from '@deskside/shared';
import type { Tx } from '../../db/connect.js';

const DAY = 24 * 60 * 60 * 1000;
const WAITING = ['requested', 'verified', 'approved'];

/**
 * The scorer's `mfaResetsLast24h` for a new request (decision 0041): the target's other MFA resets
 * opened or executed in the last 24 hours that did or still may happen: executed, notified, in
 * unknown_outcome, or waiting and not yet expired. Refused and expired ones changed nothing (the
 * general repeated-attempts rule sees them). For any other action the fact stays unknown, so it
 * raises nothing: the signal is about a second reset, not about what follows a first one.
 */
export async function recentMfaResets(tx: Tx, action: AccessAction, targetPersonId: number, now: number): Promise<{ mfaResetsLast24h?: number }> {
  if (action.type !== 'reset_mfa') return {};
  const since = now - DAY;
  const row = await tx
    .selectFrom('access_requests')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('target_person_id', '=', targetPersonId)
    .where('action_type', '=', 'reset_mfa')
    .where('state', 'not in', ['refused', 'expired'])
    .where((eb) => eb.or([eb('created_at', '>=', since), eb('executed_at', '>=', since)]))
    .where((eb) => eb.or([eb('state', 'not in', WAITING), eb('expires_at', '>', now)]))
    .executeTakeFirstOrThrow();
  return { mfaResetsLast24h: Number(row.n) };
}
