import type { LicensePoolView } from '@deskside/shared';
import type { LicensePoolRow } from '../../db/types.js';

const iso = (ms: number) => new Date(Number(ms)).toISOString();

/** A pool with its usage; a pool whose seat count was never lowered below its use shows no negative free seats. */
export function presentLicensePool(row: LicensePoolRow, seatsInUse: number): LicensePoolView {
  return {
    id: row.id,
    name: row.name,
    product: row.product,
    seatCount: row.seat_count,
    seatsInUse,
    seatsFree: Math.max(0, row.seat_count - seatsInUse),
    group: row.group_immutable_id === null ? null : { id: row.group_immutable_id, name: row.group_name },
    version: row.version,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}
