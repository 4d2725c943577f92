import type { AccessAction } from '@deskside/shared';
import type { Tx } from '../../db/connect.js';
import type { DirectoryPersonRow } from '../../db/types.js';
import { conflict, DomainError } from '../../errors.js';
import { findHeldSeat, findPool } from '../licenses/index.js';

/**
 * Refuses a licence action that could never apply, when it is opened: a pool that does not
 * exist (400 naming the field, as a schema error would), a second seat for a holder, or a
 * reclaim from someone without a seat. Free seats are counted at execution, where they are claimed.
 */
export async function checkLicenseAction(tx: Tx, action: AccessAction, target: DirectoryPersonRow): Promise<void> {
  if (action.type !== 'assign_license' && action.type !== 'reclaim_license') return;
  const pool = /^\d{1,12}$/.test(action.poolId) ? await findPool(tx, Number(action.poolId)) : undefined;
  if (!pool) {
    throw new DomainError(400, 'Bad Request', 'body.action.poolId: names no licence pool on this desk', { field: 'body.action.poolId' });
  }
  const held = await findHeldSeat(tx, pool.id, target.immutable_id);
  if (action.type === 'assign_license' && held) {
    throw conflict(`${target.name} already holds seat ${held.seat_no} in ${pool.name}; a person holds one seat of a pool`);
  }
  if (action.type === 'reclaim_license' && !held) {
    throw conflict(`${target.name} holds no seat in ${pool.name}; there is nothing to reclaim`);
  }
}
