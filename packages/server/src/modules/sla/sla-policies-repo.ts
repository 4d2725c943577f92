import type { Insertable, Updateable } from 'kysely';
import type { Db, Tx } from '../../db/connect.js';
import type { CalendarRow, SlaPoliciesTable, SlaPolicyRow } from '../../db/types.js';

type Q = Db | Tx;

/** A policy with the calendar it runs on, as the clock needs both. */
export type PolicyWithCalendar = SlaPolicyRow & { calendar: CalendarRow };

export async function listPolicyRows(q: Q): Promise<(SlaPolicyRow & { calendar_name: string })[]> {
  return q
    .selectFrom('sla_policies as p')
    .innerJoin('calendars as c', 'c.id', 'p.calendar_id')
    .selectAll('p')
    .select('c.name as calendar_name')
    .orderBy('p.position')
    .orderBy('p.id')
    .execute();
}

export async function findPolicyRow(q: Q, id: number): Promise<(SlaPolicyRow & { calendar_name: string }) | undefined> {
  return q
    .selectFrom('sla_policies as p')
    .innerJoin('calendars as c', 'c.id', 'p.calendar_id')
    .selectAll('p')
    .select('c.name as calendar_name')
    .where('p.id', '=', id)
    .executeTakeFirst();
}

export async function findPolicyByName(q: Q, name: string): Promise<SlaPolicyRow | undefined> {
  return q.selectFrom('sla_policies').selectAll().where('name', '=', name).executeTakeFirst();
}

/**
 * Every policy with its calendar, in evaluation order: one query per request or page.
 * The tables hold a handful of rows, so reading them whole is cheaper than caching
 * them across nodes that may each change them.
 */
export async function listPoliciesWithCalendars(q: Q): Promise<PolicyWithCalendar[]> {
  const rows = await q
    .selectFrom('sla_policies as p')
    .innerJoin('calendars as c', 'c.id', 'p.calendar_id')
    .selectAll('p')
    .select([
      'c.name as c_name', 'c.time_zone as c_time_zone', 'c.always_open as c_always_open', 'c.hours as c_hours',
      'c.holidays as c_holidays', 'c.version as c_version', 'c.created_at as c_created_at', 'c.updated_at as c_updated_at',
    ])
    .orderBy('p.position')
    .orderBy('p.id')
    .execute();
  return rows.map(({ c_name, c_time_zone, c_always_open, c_hours, c_holidays, c_version, c_created_at, c_updated_at, ...p }) => ({
    ...p,
    calendar: {
      id: p.calendar_id, name: c_name, time_zone: c_time_zone, always_open: c_always_open, hours: c_hours,
      holidays: c_holidays, version: c_version, created_at: c_created_at, updated_at: c_updated_at,
    },
  }));
}

export async function nextPolicyPosition(q: Q): Promise<number> {
  const row = await q.selectFrom('sla_policies').select((eb) => eb.fn.max('position').as('max')).executeTakeFirst();
  const max = row?.max;
  return max === null || max === undefined ? 0 : Number(max) + 10;
}

export async function insertPolicy(q: Q, row: Insertable<SlaPoliciesTable>): Promise<SlaPolicyRow> {
  return q.insertInto('sla_policies').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updatePolicyAtVersion(tx: Tx, id: number, version: number, changes: Updateable<SlaPoliciesTable>): Promise<boolean> {
  const result = await tx
    .updateTable('sla_policies')
    .set({ ...changes, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Takes the default flag from whichever policy has it, so exactly one policy ends up the default. */
export async function clearDefaultPolicy(tx: Tx, now: number): Promise<void> {
  await tx
    .updateTable('sla_policies')
    .set((eb) => ({ is_default: 0, version: eb('version', '+', 1), updated_at: now }))
    .where('is_default', '=', 1)
    .execute();
}

export async function policyIdsOnCalendar(q: Q, calendarId: number): Promise<number[]> {
  const rows = await q.selectFrom('sla_policies').select('id').where('calendar_id', '=', calendarId).execute();
  return rows.map((r) => r.id);
}
