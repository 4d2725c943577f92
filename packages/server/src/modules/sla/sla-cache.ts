import type { BusinessCalendar, Holiday, PendingReason, SlaPolicy, SlaPolicyTargets, WeeklyHours } from '@deskside/shared';
import type { CalendarRow, SlaPolicyRow } from '../../db/types.js';

// The calendar arithmetic and the clock cache their compiled forms by object identity
// (decisions 0016, 0017): handing them a fresh object per request would recompile every
// local date each time. One object per calendar id and version is kept; the stored text
// is compared too, so two databases in one process (the tests) never share an entry.

interface Entry<T> {
  version: number;
  text: string;
  value: T;
}

const calendars = new Map<number, Entry<BusinessCalendar>>();
const policies = new Map<number, Entry<SlaPolicy>>();

function cached<T>(cache: Map<number, Entry<T>>, id: number, version: number, text: string, build: () => T): T {
  const hit = cache.get(id);
  if (hit && hit.version === version && hit.text === text) return hit.value;
  const value = build();
  cache.set(id, { version, text, value });
  return value;
}

/** The one BusinessCalendar object for this calendar row's version. */
export function businessCalendarOf(row: CalendarRow): BusinessCalendar {
  const text = `${row.time_zone}\n${row.always_open}\n${row.hours}\n${row.holidays}`;
  return cached(calendars, row.id, row.version, text, () =>
    Object.freeze({
      timeZone: row.time_zone,
      alwaysOpen: row.always_open === 1,
      hours: JSON.parse(row.hours) as WeeklyHours,
      holidays: JSON.parse(row.holidays) as Holiday[],
    }),
  );
}

/** The one SlaPolicy object for this policy row's version. */
export function slaPolicyOf(row: SlaPolicyRow): SlaPolicy {
  const text = `${row.targets}\n${row.paused_pending_reasons}\n${row.warn_at_fraction}`;
  return cached(policies, row.id, row.version, text, () =>
    Object.freeze({
      targets: JSON.parse(row.targets) as SlaPolicyTargets,
      pausedPendingReasons: JSON.parse(row.paused_pending_reasons) as PendingReason[],
      warnAtFraction: row.warn_at_fraction,
    }),
  );
}
