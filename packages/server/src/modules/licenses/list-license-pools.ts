import type { LicensePoolView } from '@deskside/shared';
import type { Db, Tx } from '../../db/connect.js';
import { notFound } from '../../errors.js';
import { findPool, poolIdsHeldBy, seatsInUseByPool } from './licenses-repo.js';
import { presentLicensePool } from './present-license-pool.js';

/** Every pool by name with its used and free seats; with `holder`, only the pools where that directory id holds a seat. */
export async function listLicensePools(q: Db | Tx, options: { holder?: string | undefined } = {}): Promise<LicensePoolView[]> {
  let query = q.selectFrom('license_pools').selectAll().orderBy('name');
  if (options.holder !== undefined) {
    const held = await poolIdsHeldBy(q, options.holder);
    if (held.length === 0) return [];
    query = query.where('id', 'in', held);
  }
  const rows = await query.execute();
  const inUse = await seatsInUseByPool(q);
  return rows.map((row) => presentLicensePool(row, inUse.get(row.id) ?? 0));
}

/** One pool with its usage. */
export async function getLicensePool(q: Db | Tx, id: number): Promise<LicensePoolView> {
  const row = await findPool(q, id);
  if (!row) throw notFound('licence pool');
  return presentLicensePool(row, (await seatsInUseByPool(q, [id])).get(id) ?? 0);
}
