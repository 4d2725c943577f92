import type { Tx } from '../../db/connect.js';
import { conflict, notFound, staleVersion } from '../../errors.js';
import { lockPool, seatsInUseByPool } from './licenses-repo.js';

/** Removes a pool none of whose seats is in use, with its seat history. */
export async function deleteLicensePool(tx: Tx, id: number, expectedVersion: number | undefined): Promise<void> {
  const row = await lockPool(tx, id);
  if (!row) throw notFound('licence pool');
  if (expectedVersion !== undefined && expectedVersion !== row.version) throw staleVersion(row.version, 'licence pool');
  const inUse = (await seatsInUseByPool(tx, [id])).get(id) ?? 0;
  if (inUse > 0) throw conflict(`${inUse} seats of "${row.name}" are in use; reclaim them before deleting the pool`);
  const pending = await tx
    .selectFrom('access_requests')
    .select('id')
    .where('action_type', 'in', ['assign_license', 'reclaim_license'])
    .where('state', 'not in', ['executed', 'notified', 'refused', 'expired'])
    .where('action', 'like', `%"poolId":${JSON.stringify(String(id))}%`)
    .executeTakeFirst();
  if (pending) throw conflict(`An identity action on "${row.name}" is still open; finish or refuse it before deleting the pool`);
  await tx.deleteFrom('license_seats').where('pool_id', '=', id).execute();
  await tx.deleteFrom('license_pools').where('id', '=', id).execute();
}
