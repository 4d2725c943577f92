import type { CreateLicensePoolBody, LicensePoolView } from '@deskside/shared';
import type { Tx } from '../../db/connect.js';
import { conflict } from '../../errors.js';
import { findPoolByName } from './licenses-repo.js';
import { checkedPoolGroup } from './pool-group.js';
import { presentLicensePool } from './present-license-pool.js';

/** Adds a licence pool; its seats start free. */
export async function createLicensePool(tx: Tx, input: CreateLicensePoolBody, now: number): Promise<LicensePoolView> {
  if (await findPoolByName(tx, input.name)) throw conflict(`A licence pool named "${input.name}" exists already`);
  const group = await checkedPoolGroup(tx, input.groupId, input.groupName);
  const row = await tx
    .insertInto('license_pools')
    .values({
      name: input.name, product: input.product, seat_count: input.seatCount,
      group_immutable_id: group?.id ?? null, group_name: group?.name ?? null,
      version: 1, created_at: now, updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return presentLicensePool(row, 0);
}
