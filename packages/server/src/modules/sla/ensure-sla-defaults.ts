import type { SlaPolicyTargets, WeeklyHours } from '@deskside/shared';
import type { Db } from '../../db/connect.js';

const OFFICE_DAY = [{ start: '08:00', end: '18:00' }];
const NO_HOURS: WeeklyHours = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
const OFFICE_HOURS: WeeklyHours = { mon: OFFICE_DAY, tue: OFFICE_DAY, wed: OFFICE_DAY, thu: OFFICE_DAY, fri: OFFICE_DAY, sat: [], sun: [] };

export const ALWAYS_OPEN_CALENDAR = '24x7';
export const OFFICE_CALENDAR = 'Business hours';
export const DEFAULT_POLICY_NAME = 'Standard';

/** The default targets in business minutes on office hours (decision 0018). */
export const DEFAULT_TARGETS: SlaPolicyTargets = {
  P1: { firstResponse: 15, nextUpdate: 60, restore: 240, resolve: 600 },
  P2: { firstResponse: 30, nextUpdate: 120, restore: 480, resolve: 1200 },
  P3: { firstResponse: 120, nextUpdate: 480, restore: 1200, resolve: 3000 },
  P4: { firstResponse: 480, nextUpdate: 1200, restore: 3000, resolve: 6000 },
};

/**
 * Gives a desk without calendars a 24x7 and an office-hours calendar (Mon-Fri 08:00-18:00
 * in the desk's zone) and the default policy on office hours. Safe to run on every start
 * and from several nodes at once: the loser's inserts do nothing.
 */
export async function ensureSlaDefaults(db: Db, timeZone: string, now: number): Promise<void> {
  const existing = await db.selectFrom('calendars').select('id').limit(1).executeTakeFirst();
  if (existing) return;
  const calendar = (name: string, alwaysOpen: boolean, hours: WeeklyHours) => ({
    name, time_zone: alwaysOpen ? 'UTC' : timeZone, always_open: alwaysOpen ? 1 : 0, hours: JSON.stringify(hours),
    holidays: '[]', version: 1, created_at: now, updated_at: now,
  });
  await db
    .insertInto('calendars')
    .values([calendar(ALWAYS_OPEN_CALENDAR, true, NO_HOURS), calendar(OFFICE_CALENDAR, false, OFFICE_HOURS)])
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const office = await db.selectFrom('calendars').select('id').where('name', '=', OFFICE_CALENDAR).executeTakeFirstOrThrow();
  await db
    .insertInto('sla_policies')
    .values({
      name: DEFAULT_POLICY_NAME, calendar_id: office.id, targets: JSON.stringify(DEFAULT_TARGETS),
      paused_pending_reasons: JSON.stringify(['user', 'vendor']), warn_at_fraction: 0.75, conditions: '{}',
      position: 1000, is_default: 1, version: 1, created_at: now, updated_at: now,
    })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
}
