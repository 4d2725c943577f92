import { WEEKDAYS, type Holiday, type Weekday } from './types.js';

const DAY = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a 'YYYY-MM-DD' date, or null when it is no real date. */
export function dayNumberOfDate(date: string): number | null {
  const m = DATE.exec(date);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (!isRealDate(year, month, day)) return null;
  return Date.UTC(year, month - 1, day) / DAY;
}

/** True when the month (1..12) has that day in that year; February 29 only in leap years. */
export function isRealDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(month) || !Number.isInteger(day) || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The weekday of a local date given as days since 1970-01-01 (a Thursday). */
export function weekdayOf(dayNumber: number): Weekday {
  return WEEKDAYS[(((dayNumber + 3) % 7) + 7) % 7]!;
}

/** Answers "is this local date a holiday?" for a calendar's holiday list, without parsing per call. */
export function holidayTest(holidays: readonly Holiday[]): (dayNumber: number) => boolean {
  const dates = new Set<number>();
  // Yearly rules keyed by month*100+day for fixed dates; nth-weekday rules checked by month.
  const fixed = new Set<number>();
  const byWeekday: Extract<Holiday, { kind: 'nthWeekday' }>[] = [];
  for (const h of holidays) {
    if (h.kind === 'date') {
      const n = dayNumberOfDate(h.date);
      if (n !== null) dates.add(n);
    } else if (h.kind === 'fixed') fixed.add(h.month * 100 + h.day);
    else byWeekday.push(h);
  }
  if (dates.size === 0 && fixed.size === 0 && byWeekday.length === 0) return () => false;
  return (dayNumber) => {
    if (dates.has(dayNumber)) return true;
    const d = new Date(dayNumber * DAY);
    const month = d.getUTCMonth() + 1;
    const day = d.getUTCDate();
    if (fixed.has(month * 100 + day)) return true;
    for (const rule of byWeekday) {
      if (rule.month !== month || rule.weekday !== weekdayOf(dayNumber)) continue;
      if (rule.nth === 'last') {
        if (day + 7 > new Date(Date.UTC(d.getUTCFullYear(), month, 0)).getUTCDate()) return true;
      } else if (Math.ceil(day / 7) === rule.nth) return true;
    }
    return false;
  };
}
