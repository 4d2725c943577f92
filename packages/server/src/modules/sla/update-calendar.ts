import type { UpdateCalendarBody, WeeklyHours } from '@deskside/shared';
import type { Tx } from '../../db/connect.js';
import type { CalendarsTable } from '../../db/types.js';
import type { Updateable } from 'kysely';
import { conflict, invalid, notFound, staleVersion } from '../../errors.js';
import { findCalendarByName, findCalendarRow, updateCalendarAtVersion } from './calendars-repo.js';
import { presentCalendar } from './present-sla.js';
import { recomputeQueueDue } from './refresh-queue-due.js';
import { policyIdsOnCalendar } from './sla-policies-repo.js';

/**
 * Changes a calendar, guarded by the version the admin saw. The tickets of every policy on
 * it are re-keyed for the queue in the same transaction: their due instants moved with it.
 */
export async function updateCalendar(tx: Tx, id: number, input: UpdateCalendarBody, expectedVersion: number | undefined, now: number) {
  const row = await findCalendarRow(tx, id);
  if (!row) throw notFound('calendar');
  if (expectedVersion !== undefined && expectedVersion !== row.version) throw staleVersion(row.version, 'calendar');
  if (input.name !== undefined && input.name !== row.name && (await findCalendarByName(tx, input.name))) {
    throw conflict(`A calendar named "${input.name}" exists already`);
  }
  const alwaysOpen = input.alwaysOpen ?? row.always_open === 1;
  const hours = input.hours ?? (JSON.parse(row.hours) as WeeklyHours);
  // The contract checks a body on its own; only the merged calendar shows an office that never opens.
  if (!alwaysOpen && Object.values(hours).every((day) => day.length === 0)) {
    throw invalid('hours', 'a calendar that is not 24x7 needs business hours on at least one day');
  }
  const changes: Updateable<CalendarsTable> = { updated_at: now };
  if (input.name !== undefined) changes.name = input.name;
  if (input.timeZone !== undefined) changes.time_zone = input.timeZone;
  if (input.alwaysOpen !== undefined) changes.always_open = input.alwaysOpen ? 1 : 0;
  if (input.hours !== undefined) changes.hours = JSON.stringify(input.hours);
  if (input.holidays !== undefined) changes.holidays = JSON.stringify(input.holidays);
  if (!(await updateCalendarAtVersion(tx, id, row.version, changes))) {
    throw staleVersion((await findCalendarRow(tx, id))?.version ?? row.version, 'calendar');
  }
  const policyIds = await policyIdsOnCalendar(tx, id);
  if (policyIds.length > 0) await recomputeQueueDue(tx, policyIds, await defaultIsAmong(tx, policyIds), now);
  return presentCalendar((await findCalendarRow(tx, id))!);
}

async function defaultIsAmong(tx: Tx, policyIds: number[]): Promise<boolean> {
  const row = await tx.selectFrom('sla_policies').select('id').where('is_default', '=', 1).executeTakeFirst();
  return row !== undefined && policyIds.includes(row.id);
}
