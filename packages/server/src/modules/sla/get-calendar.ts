import type { Db } from '../../db/connect.js';
import { notFound } from '../../errors.js';
import { findCalendarRow } from './calendars-repo.js';
import { presentCalendar } from './present-sla.js';

/** One calendar; 404 when there is none by that id. */
export async function getCalendar(db: Db, id: number) {
  const row = await findCalendarRow(db, id);
  if (!row) throw notFound('calendar');
  return presentCalendar(row);
}
