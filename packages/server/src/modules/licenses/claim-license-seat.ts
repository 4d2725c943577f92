import type { Tx } from '../../db/connect.js';
import type { LicensePoolRow } from '../../db/types.js';
import { conflict } from '../../errors.js';
import { lockPool, seatNumbersInUse } from './licenses-repo.js';

export interface SeatClaim {
  poolId: number;
  holder: { personId: number; immutableId: string };
  requestId: string;
  now: number;
}

/**
 * Claims the lowest free seat number of a pool for an assign request, in the caller's
 * transaction. The pool row is locked first (PostgreSQL; SQLite writes one at a time), and the
 * partial unique indexes on (pool, seat number) and (pool, holder) among seats in use make an
 * over-assignment or a second seat for one person impossible even if a claim slipped past the
 * lock. No free seat, or a seat already held, is a 409 and nothing is written.
 */
export async function claimLicenseSeat(tx: Tx, claim: SeatClaim): Promise<{ pool: LicensePoolRow; seatNo: number }> {
  const pool = await lockPool(tx, claim.poolId);
  if (!pool) throw conflict('The licence pool of this request no longer exists');
  const held = await tx
    .selectFrom('license_seats')
    .select('seat_no')
    .where('pool_id', '=', pool.id)
    .where('holder_immutable_id', '=', claim.holder.immutableId)
    .where('released_at', 'is', null)
    .executeTakeFirst();
  if (held) throw conflict(`This person already holds seat ${held.seat_no} in ${pool.name}`);
  const used = await seatNumbersInUse(tx, pool.id);
  if (used.length >= pool.seat_count) throw conflict(`no free seat in ${pool.name}: ${used.length} of ${pool.seat_count} in use`);
  const taken = new Set(used);
  let seatNo = 1;
  while (taken.has(seatNo)) seatNo++;
  try {
    await tx
      .insertInto('license_seats')
      .values({
        pool_id: pool.id, seat_no: seatNo, holder_person_id: claim.holder.personId, holder_immutable_id: claim.holder.immutableId,
        request_id: claim.requestId, assigned_at: claim.now, released_at: null, release_request_id: null,
      })
      .execute();
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`Another assignment took the last free seat in ${pool.name}; reload and try again`);
    throw error;
  }
  return { pool, seatNo };
}

/** Gives back the seat an assign request claimed when its write did not apply: it was never assigned. */
export async function dropSeatClaim(tx: Tx, requestId: string): Promise<void> {
  await tx.deleteFrom('license_seats').where('request_id', '=', requestId).where('released_at', 'is', null).execute();
}

/** Releases the seat a person holds in a pool, for the reclaim request that took it back; returns whether one was held. */
export async function releaseLicenseSeat(tx: Tx, release: { poolId: number; holderImmutableId: string; requestId: string; now: number }): Promise<boolean> {
  const result = await tx
    .updateTable('license_seats')
    .set({ released_at: release.now, release_request_id: release.requestId })
    .where('pool_id', '=', release.poolId)
    .where('holder_immutable_id', '=', release.holderImmutableId)
    .where('released_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === '23505' || (typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT'));
}
