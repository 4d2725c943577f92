import type { CreateCalendarBody } from '@deskside/shared';
import type { Tx } from '../../db/connect.js';
import { conflict } from '../../errors.js';
import { findCalendarByName, insertCalendar } from './calendars-repo.js';
import { presentCalendar } from './present-sla.js';

/** Adds a business-hours calendar (the contract has already checked zone, hours and holidays). */
export async function createCalendar(tx: Tx, input: CreateCalendarBody, now: number) {
  if (await findCalendarByName(tx, input.name)) throw conflict(`A calendar named "${input.name}" exists already`);
  const row = await insertCalendar(tx, {
    name: input.name,
    time_zone: input.timeZone,
    always_open: input.alwaysOpen ? 1 : 0,
    hours: JSON.stringify(input.hours),
    holidays: JSON.stringify(input.holidays),
    version: 1,
    created_at: now,
    updated_at: now,
  });
  return presentCalendar(row);
}
