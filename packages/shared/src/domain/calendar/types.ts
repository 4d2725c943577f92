/** Weekday keys, Monday first, as admins read a week. */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/**
 * Opening hours on one local date, as wall-clock 'HH:MM'. An end at or before the
 * start runs past midnight into the next local date; '24:00' ends at midnight.
 */
export interface HoursInterval {
  start: string;
  end: string;
}

export type WeeklyHours = Record<Weekday, readonly HoursInterval[]>;

/** Which occurrence of a weekday in its month; 'last' is the last one, whether 4th or 5th. */
export type WeekdayOccurrence = 1 | 2 | 3 | 4 | 'last';

/** A holiday closes its whole local date. Months are 1..12. */
export type Holiday =
  | { kind: 'date'; date: string; name?: string | undefined }
  | { kind: 'fixed'; month: number; day: number; name?: string | undefined }
  | { kind: 'nthWeekday'; month: number; weekday: Weekday; nth: WeekdayOccurrence; name?: string | undefined };

/**
 * When the desk's clock runs. `alwaysOpen` is the 24x7 desk: every millisecond
 * counts and `hours` and `holidays` are ignored.
 */
export interface BusinessCalendar {
  timeZone: string;
  alwaysOpen: boolean;
  hours: WeeklyHours;
  holidays: readonly Holiday[];
}

/** Thrown when a calendar cannot produce the business time asked of it. */
export class CalendarError extends Error {
  override name = 'CalendarError';
}
