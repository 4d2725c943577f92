import type { LicenseSeatView } from '@deskside/shared';
import type { Db, Tx } from '../../db/connect.js';
import { notFound } from '../../errors.js';
import { findPool } from './licenses-repo.js';

/** The seats of a pool in use now, by seat number, with their holders of record. */
export async function listPoolSeats(q: Db | Tx, poolId: number): Promise<LicenseSeatView[]> {
  if (!(await findPool(q, poolId))) throw notFound('licence pool');
  const rows = await q
    .selectFrom('license_seats')
    .innerJoin('directory_people', 'directory_people.id', 'license_seats.holder_person_id')
    .select(['license_seats.seat_no', 'license_seats.holder_immutable_id', 'license_seats.request_id', 'license_seats.assigned_at', 'directory_people.name'])
    .where('license_seats.pool_id', '=', poolId)
    .where('license_seats.released_at', 'is', null)
    .orderBy('license_seats.seat_no')
    .execute();
  return rows.map((r) => ({
    seatNo: r.seat_no,
    holder: { directoryId: r.holder_immutable_id, name: r.name },
    requestId: r.request_id,
    assignedAt: new Date(Number(r.assigned_at)).toISOString(),
  }));
}
