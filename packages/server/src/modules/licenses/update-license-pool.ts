import type { LicensePoolView, UpdateLicensePoolBody } from '@deskside/shared';
import type { Updateable } from 'kysely';
import type { Tx } from '../../db/connect.js';
import type { LicensePoolsTable } from '../../db/types.js';
import { conflict, notFound, staleVersion } from '../../errors.js';
import { findPool, findPoolByName, lockPool, seatsInUseByPool, updatePoolAtVersion } from './licenses-repo.js';
import { checkedPoolGroup } from './pool-group.js';
import { presentLicensePool } from './present-license-pool.js';

/**
 * Changes a pool at the version the admin saw. The seat count never drops below the seats in
 * use: the pool row is locked first, so a seat claimed at the same moment is counted.
 */
export async function updateLicensePool(tx: Tx, id: number, input: UpdateLicensePoolBody, expectedVersion: number | undefined, now: number): Promise<LicensePoolView> {
  const row = await lockPool(tx, id);
  if (!row) throw notFound('licence pool');
  if (expectedVersion !== undefined && expectedVersion !== row.version) throw staleVersion(row.version, 'licence pool');
  if (input.name !== undefined && input.name !== row.name && (await findPoolByName(tx, input.name))) {
    throw conflict(`A licence pool named "${input.name}" exists already`);
  }
  const inUse = (await seatsInUseByPool(tx, [id])).get(id) ?? 0;
  if (input.seatCount !== undefined && input.seatCount < inUse) {
    throw conflict(`${inUse} seats of "${row.name}" are in use; reclaim seats before lowering the seat count below ${inUse}`);
  }
  const changes: Updateable<LicensePoolsTable> = { updated_at: now };
  if (input.name !== undefined) changes.name = input.name;
  if (input.product !== undefined) changes.product = input.product;
  if (input.seatCount !== undefined) changes.seat_count = input.seatCount;
  if (input.groupId !== undefined) {
    // Moving the licence to another group would leave today's holders in the old one.
    if (inUse > 0 && input.groupId !== row.group_immutable_id) {
      throw conflict(`${inUse} seats of "${row.name}" are in use; reclaim them before changing the pool's group`);
    }
    const group = await checkedPoolGroup(tx, input.groupId, input.groupName ?? row.group_name);
    changes.group_immutable_id = group?.id ?? null;
    changes.group_name = group?.name ?? null;
  } else if (input.groupName !== undefined && row.group_immutable_id !== null) {
    changes.group_name = input.groupName;
  }
  if (!(await updatePoolAtVersion(tx, id, row.version, changes))) {
    throw staleVersion((await findPool(tx, id))?.version ?? row.version, 'licence pool');
  }
  return presentLicensePool((await findPool(tx, id))!, inUse);
}
