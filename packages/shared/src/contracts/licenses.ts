import { z } from 'zod';
import { IdParam, IsoDateTime, Text } from './common.js';

// Licence pools (decision 0040): seats the desk accounts for, optionally granted through a
// directory group (group-based licensing). Admins write them; staff read them for the desk form.

const SeatCount = z.number().int().min(0, 'must be 0 or more').max(1_000_000, 'must be at most 1000000');
const GroupId = z.string().trim().min(1).max(256).describe('The immutable directory id of the group that grants the licence');
const GroupName = z.string().trim().min(1).max(200).describe('How the desk names the group when no synced person shows its name yet');

export const CreateLicensePoolBody = z
  .strictObject({
    name: Text(100).describe('Unique on the desk, e.g. "Office E3 (Sales)"'),
    product: Text(200).describe('What the licence is for, e.g. "Microsoft 365 E3"'),
    seatCount: SeatCount,
    groupId: GroupId.nullable().default(null).describe('Null: a ledger only, the agent assigns the seat in the vendor\'s console'),
    groupName: GroupName.nullable().optional(),
  })
  .meta({ id: 'CreateLicensePoolBody' });
export type CreateLicensePoolBody = z.infer<typeof CreateLicensePoolBody>;
export type CreateLicensePoolInput = z.input<typeof CreateLicensePoolBody>;

export const UpdateLicensePoolBody = z
  .strictObject({
    name: Text(100).optional(),
    product: Text(200).optional(),
    seatCount: SeatCount.optional().describe('Never below the seats in use (409 with the number)'),
    groupId: GroupId.nullable().optional(),
    groupName: GroupName.nullable().optional(),
  })
  .meta({ id: 'UpdateLicensePoolBody' });
export type UpdateLicensePoolBody = z.infer<typeof UpdateLicensePoolBody>;

export const LicensePoolRef = z.strictObject({ id: IdParam }).meta({ id: 'LicensePoolRef' });

export const LicensePoolsQuery = z
  .strictObject({
    holder: z.string().trim().min(1).max(200).optional().describe('Only the pools in which this directory id holds a seat'),
  })
  .meta({ id: 'LicensePoolsQuery' });
export type LicensePoolsQuery = z.infer<typeof LicensePoolsQuery>;

export const LicensePoolView = z
  .object({
    id: z.number().int(),
    name: z.string(),
    product: z.string(),
    seatCount: z.number().int(),
    seatsInUse: z.number().int().describe('Seats held, and seats claimed by an assignment whose write is in flight'),
    seatsFree: z.number().int(),
    group: z.object({ id: z.string(), name: z.string().nullable() }).nullable().describe('Null: a ledger only'),
    version: z.number().int(),
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
  })
  .meta({ id: 'LicensePoolView' });
export type LicensePoolView = z.infer<typeof LicensePoolView>;

export const LicensePoolList = z.object({ items: z.array(LicensePoolView) }).meta({ id: 'LicensePoolList' });
export type LicensePoolList = z.infer<typeof LicensePoolList>;

export const LicenseSeatView = z
  .object({
    seatNo: z.number().int(),
    holder: z.object({ directoryId: z.string(), name: z.string() }),
    requestId: z.string().describe('The assign request that claimed the seat'),
    assignedAt: IsoDateTime,
  })
  .meta({ id: 'LicenseSeatView' });
export type LicenseSeatView = z.infer<typeof LicenseSeatView>;

export const LicenseSeatList = z.object({ items: z.array(LicenseSeatView) }).meta({ id: 'LicenseSeatList' });
export type LicenseSeatList = z.infer<typeof LicenseSeatList>;
