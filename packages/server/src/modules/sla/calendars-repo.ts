import type { Db, Tx } from '../../db/connect.js';
import type { CalendarRow, CalendarsTable } from '../../db/types.js';
import type { Insertable, Updateable } from 'kysely';

type Q = Db | Tx;

export async function listCalendarRows(q: Q): Promise<CalendarRow[]> {
  return q.selectFrom('calendars').selectAll().orderBy('name').execute();
}

export async function findCalendarRow(q: Q, id: number): Promise<CalendarRow | undefined> {
  return q.selectFrom('calendars').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findCalendarByName(q: Q, name: string): Promise<CalendarRow | undefined> {
  return q.selectFrom('calendars').selectAll().where('name', '=', name).executeTakeFirst();
}

export async function insertCalendar(q: Q, row: Insertable<CalendarsTable>): Promise<CalendarRow> {
  return q.insertInto('calendars').values(row).returningAll().executeTakeFirstOrThrow();
}

/** Writes a change guarded by the version the writer read; false when another writer got there first. */
export async function updateCalendarAtVersion(tx: Tx, id: number, version: number, changes: Updateable<CalendarsTable>): Promise<boolean> {
  const result = await tx
    .updateTable('calendars')
    .set({ ...changes, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
