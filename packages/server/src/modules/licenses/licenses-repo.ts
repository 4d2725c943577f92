import { PostgresAdapter, type Updateable } from 'kysely';
import type { Db, Tx } from '../../db/connect.js';
import type { LicensePoolRow, LicensePoolsTable, LicenseSeatRow } from '../../db/types.js';

type Q = Db | Tx;

export async function findPool(q: Q, id: number): Promise<LicensePoolRow | undefined> {
  return q.selectFrom('license_pools').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findPoolByName(q: Q, name: string): Promise<LicensePoolRow | undefined> {
  return q.selectFrom('license_pools').selectAll().where('name', '=', name).executeTakeFirst();
}

/**
 * The pool, locked for the rest of the transaction on PostgreSQL: seat claims, seat-count
 * changes and deletes of one pool take turns there. SQLite runs one write transaction at a time.
 */
export async function lockPool(tx: Tx, id: number): Promise<LicensePoolRow | undefined> {
  const query = tx.selectFrom('license_pools').selectAll().where('id', '=', id);
  return tx.getExecutor().adapter instanceof PostgresAdapter ? query.forUpdate().executeTakeFirst() : query.executeTakeFirst();
}

export async function updatePoolAtVersion(tx: Tx, id: number, version: number, changes: Updateable<LicensePoolsTable>): Promise<boolean> {
  const result = await tx
    .updateTable('license_pools')
    .set({ ...changes, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Seats in use per pool (all pools when `poolIds` is omitted). */
export async function seatsInUseByPool(q: Q, poolIds?: number[]): Promise<Map<number, number>> {
  if (poolIds && poolIds.length === 0) return new Map();
  let query = q
    .selectFrom('license_seats')
    .select(['pool_id', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('released_at', 'is', null)
    .groupBy('pool_id');
  if (poolIds) query = query.where('pool_id', 'in', poolIds);
  const rows = await query.execute();
  return new Map(rows.map((r) => [r.pool_id, Number(r.n)]));
}

/** The seat numbers in use in a pool, lowest first. */
export async function seatNumbersInUse(q: Q, poolId: number): Promise<number[]> {
  const rows = await q.selectFrom('license_seats').select('seat_no').where('pool_id', '=', poolId).where('released_at', 'is', null).orderBy('seat_no').execute();
  return rows.map((r) => r.seat_no);
}

/** The seat a person holds in a pool now, if any. */
export async function findHeldSeat(q: Q, poolId: number, holderImmutableId: string): Promise<LicenseSeatRow | undefined> {
  return q
    .selectFrom('license_seats')
    .selectAll()
    .where('pool_id', '=', poolId)
    .where('holder_immutable_id', '=', holderImmutableId)
    .where('released_at', 'is', null)
    .executeTakeFirst();
}

/** The ids of the pools in which a person holds a seat now. */
export async function poolIdsHeldBy(q: Q, holderImmutableId: string): Promise<number[]> {
  const rows = await q.selectFrom('license_seats').select('pool_id').where('holder_immutable_id', '=', holderImmutableId).where('released_at', 'is', null).execute();
  return rows.map((r) => r.pool_id);
}
