import type { Db, Tx } from '../../db/connect.js';
import type { TimedMembershipRow } from '../../db/types.js';

/** How long a claim on a due membership lasts; a run that dies holding it is taken over after this. */
export const REMOVAL_LEASE_MS = 2 * 60_000;

/** The desk's time-bound grant still in force on this membership, if any (waiting or being removed). */
export function activeGrantOf(q: Db | Tx, targetId: string, groupId: string): Promise<TimedMembershipRow | undefined> {
  return q
    .selectFrom('timed_memberships')
    .selectAll()
    .where('target_immutable_id', '=', targetId)
    .where('group_id', '=', groupId)
    .where('state', 'in', ['active', 'removing'])
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

/**
 * Ends the waiting grants on a membership because a later request decided about it (a new expiry,
 * a lasting add, a removal). A grant already being removed is left to its run.
 */
export async function supersedeGrants(tx: Tx, targetId: string, groupId: string, byRequestId: string, now: number): Promise<number> {
  const result = await tx
    .updateTable('timed_memberships')
    .set({ state: 'superseded', ended_how: `request ${byRequestId}`, updated_at: now })
    .where('target_immutable_id', '=', targetId)
    .where('group_id', '=', groupId)
    .where('state', '=', 'active')
    .where('request_id', '!=', byRequestId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Records a grant until `expiresAt`; a second call for the same request adds nothing. */
export async function recordGrant(
  tx: Tx,
  grant: { requestId: string; targetId: string; groupId: string; expiresAt: number; now: number },
): Promise<void> {
  await tx
    .insertInto('timed_memberships')
    .values({
      request_id: grant.requestId, target_immutable_id: grant.targetId, group_id: grant.groupId, expires_at: grant.expiresAt,
      state: 'active', ended_how: null, claimed_until: null, last_error: null, created_at: grant.now, updated_at: grant.now, removed_at: null,
    })
    .onConflict((oc) => oc.column('request_id').doNothing())
    .execute();
}

/** Ids of grants due for removal: expired and waiting, or claimed by a run whose lease ran out. */
export async function dueGrantIds(db: Db, now: number, limit: number): Promise<number[]> {
  const rows = await db
    .selectFrom('timed_memberships')
    .select('id')
    .where('expires_at', '<=', now)
    .where((eb) => eb.or([eb('state', '=', 'active'), eb.and([eb('state', '=', 'removing'), eb('claimed_until', '<', now)])]))
    .orderBy('expires_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Claims one due grant for this run (one conditional UPDATE: of two runs, one wins). Returns the
 * claimed row, whose `attempts` fences what the run records later, or null when another run has it.
 */
export async function claimGrant(db: Db, id: number, now: number): Promise<TimedMembershipRow | null> {
  return db.transaction().execute(async (tx) => {
    const result = await tx
      .updateTable('timed_memberships')
      .set((eb) => ({ state: 'removing', claimed_until: now + REMOVAL_LEASE_MS, attempts: eb('attempts', '+', 1), updated_at: now }))
      .where('id', '=', id)
      .where('expires_at', '<=', now)
      .where((eb) => eb.or([eb('state', '=', 'active'), eb.and([eb('state', '=', 'removing'), eb('claimed_until', '<', now)])]))
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return null;
    return (await tx.selectFrom('timed_memberships').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
  });
}

/** Records how a claimed grant ended; false when the claim was lost to another run meanwhile. */
export async function finishGrant(tx: Tx, claimed: TimedMembershipRow, how: 'removed' | 'already_removed', now: number): Promise<boolean> {
  const result = await tx
    .updateTable('timed_memberships')
    .set({ state: 'removed', ended_how: how, removed_at: now, claimed_until: null, last_error: null, updated_at: now })
    .where('id', '=', claimed.id)
    .where('state', '=', 'removing')
    .where('attempts', '=', claimed.attempts)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Gives a claimed grant back for the next run, with what went wrong. */
export async function releaseGrant(db: Db, claimed: TimedMembershipRow, error: string, now: number): Promise<void> {
  await db
    .updateTable('timed_memberships')
    .set({ state: 'active', claimed_until: null, last_error: error.slice(0, 500), updated_at: now })
    .where('id', '=', claimed.id)
    .where('state', '=', 'removing')
    .where('attempts', '=', claimed.attempts)
    .execute();
}
