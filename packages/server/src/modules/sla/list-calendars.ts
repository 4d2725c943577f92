import type { Db } from '../../db/connect.js';
import { listCalendarRows } from './calendars-repo.js';
import { presentCalendar } from './present-sla.js';

/** Every calendar, by name. */
export async function listCalendars(db: Db) {
  return (await listCalendarRows(db)).map(presentCalendar);
}
