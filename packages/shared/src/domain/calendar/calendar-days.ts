import { holidayTest, weekdayOf } from './holidays.js';
import { isValidTimeZone, localToUtc } from './time-zone.js';
import { CalendarError, WEEKDAYS, type BusinessCalendar, type Weekday } from './types.js';

const MINUTE = 60_000;
const DAY = 86_400_000;
const DAY_MINUTES = 1440;
// About eleven years of local dates per calendar: enough for any SLA horizon, bounded in memory.
const MAX_CACHED_DAYS = 4096;

/** One local date of a calendar with its business hours as UTC instants. */
export interface DayRecord {
  /** Days since 1970-01-01 of the local date. */
  readonly day: number;
  /** Local midnight starting the date, and the next one, in UTC ms. */
  readonly start: number;
  readonly end: number;
  /** Business spans as [start0, end0, start1, end1, …], sorted, disjoint, inside [start, end). */
  readonly spans: readonly number[];
  readonly total: number;
}

/** A calendar prepared for arithmetic: local dates resolved to UTC once and remembered. */
export interface CompiledCalendar {
  readonly alwaysOpen: boolean;
  /** False when no weekday has any hours: such a calendar never opens. */
  readonly hasHours: boolean;
  day(dayNumber: number): DayRecord;
  dayAt(ms: number): DayRecord;
}

// Keyed by the calendar object: callers keep one object per calendar and treat it as immutable.
const compiled = new WeakMap<BusinessCalendar, CompiledCalendar>();

/** The prepared form of a calendar, built on first use and shared after. */
export function compileCalendar(calendar: BusinessCalendar): CompiledCalendar {
  let c = compiled.get(calendar);
  if (!c) {
    c = build(calendar);
    compiled.set(calendar, c);
  }
  return c;
}

/** Minutes after midnight of 'HH:MM' ('24:00' allowed); throws on anything else. */
export function parseClockTime(text: string): number {
  const m = /^(\d{2}):(\d{2})$/.exec(text);
  const minutes = m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
  if (!m || Number(m[2]) > 59 || minutes > DAY_MINUTES) throw new CalendarError(`'${text}' is not a time HH:MM`);
  return minutes;
}

function build(calendar: BusinessCalendar): CompiledCalendar {
  const { timeZone } = calendar;
  if (!isValidTimeZone(timeZone)) throw new CalendarError(`'${timeZone}' is not an IANA time zone`);
  // Per weekday: its own spans in minutes (an end past 1440 runs into the next date).
  const own = new Map<Weekday, [number, number][]>();
  let hasHours = false;
  for (const wd of WEEKDAYS) {
    const list: [number, number][] = [];
    for (const iv of calendar.hours[wd] ?? []) {
      const start = parseClockTime(iv.start);
      let end = parseClockTime(iv.end);
      if (start === DAY_MINUTES) throw new CalendarError(`an interval cannot start at 24:00`);
      if (end <= start) end += DAY_MINUTES;
      list.push([start, end]);
      hasHours = true;
    }
    own.set(wd, list);
  }
  const isHoliday = holidayTest(calendar.holidays);
  const cache = new Map<number, DayRecord>();

  const makeDay = (n: number): DayRecord => {
    const start = localToUtc(timeZone, n, 0);
    const end = localToUtc(timeZone, n + 1, 0);
    const spans: number[] = [];
    let total = 0;
    if (!calendar.alwaysOpen && !isHoliday(n)) {
      const ranges: [number, number][] = [];
      for (const [s, e] of own.get(weekdayOf(n))!) ranges.push([s, Math.min(e, DAY_MINUTES)]);
      // The part of yesterday's overnight shift that falls on this date belongs to this date.
      for (const [, e] of own.get(weekdayOf(n - 1))!) if (e > DAY_MINUTES) ranges.push([0, e - DAY_MINUTES]);
      ranges.sort((a, b) => a[0] - b[0]);
      // A date without a DST change has one offset, so wall minutes map by addition.
      const plain = end - start === DAY;
      const toUtc = (m: number): number =>
        m === 0 ? start : m === DAY_MINUTES ? end : plain ? start + m * MINUTE : localToUtc(timeZone, n, m);
      let i = 0;
      while (i < ranges.length) {
        const s = ranges[i]![0];
        let e = ranges[i]![1];
        for (i++; i < ranges.length && ranges[i]![0] <= e; i++) e = Math.max(e, ranges[i]![1]);
        const us = toUtc(s);
        const ue = toUtc(e);
        if (ue > us) {
          spans.push(us, ue);
          total += ue - us;
        }
      }
    }
    return { day: n, start, end, spans, total };
  };

  const day = (n: number): DayRecord => {
    let rec = cache.get(n);
    if (!rec) {
      rec = makeDay(n);
      if (cache.size >= MAX_CACHED_DAYS) cache.delete(cache.keys().next().value!);
      cache.set(n, rec);
    }
    return rec;
  };

  const dayAt = (ms: number): DayRecord => {
    let n = Math.floor(ms / DAY);
    let rec = day(n);
    while (ms < rec.start) rec = day(--n);
    while (ms >= rec.end) rec = day(++n);
    return rec;
  };

  return { alwaysOpen: calendar.alwaysOpen, hasHours, day, dayAt };
}
