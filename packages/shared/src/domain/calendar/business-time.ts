import { compileCalendar, type CompiledCalendar } from './calendar-days.js';
import { CalendarError, type BusinessCalendar } from './types.js';

// A search for business time gives up after ten years of closed dates rather than loop forever.
const HORIZON_DAYS = 3653;

function openCalendar(calendar: BusinessCalendar): CompiledCalendar {
  const c = compileCalendar(calendar);
  if (!c.alwaysOpen && !c.hasHours) throw new CalendarError('the calendar has no business hours on any weekday');
  return c;
}

function closedTooLong(): CalendarError {
  return new CalendarError(`the calendar has no business hours within ${HORIZON_DAYS} days`);
}

/** True when the instant is inside business hours (always, on a 24x7 calendar). */
export function isBusinessTime(calendar: BusinessCalendar, ms: number): boolean {
  const c = compileCalendar(calendar);
  if (c.alwaysOpen) return true;
  const { spans } = c.dayAt(ms);
  for (let i = 0; i < spans.length && spans[i]! <= ms; i += 2) {
    if (ms < spans[i + 1]!) return true;
  }
  return false;
}

/** The first instant at or after `ms` that is business time. */
export function nextBusinessStart(calendar: BusinessCalendar, ms: number): number {
  const c = openCalendar(calendar);
  if (c.alwaysOpen) return ms;
  let rec = c.dayAt(ms);
  for (let k = 0; k <= HORIZON_DAYS; k++) {
    const { spans } = rec;
    for (let i = 0; i < spans.length; i += 2) {
      if (spans[i + 1]! > ms) return Math.max(spans[i]!, ms);
    }
    rec = c.day(rec.day + 1);
  }
  throw closedTooLong();
}

/** Business milliseconds in [a, b); 0 when b is not after a. */
export function businessTimeBetween(calendar: BusinessCalendar, a: number, b: number): number {
  if (!(b > a)) return 0;
  const c = compileCalendar(calendar);
  if (c.alwaysOpen) return b - a;
  if (!c.hasHours) return 0;
  let sum = 0;
  for (let rec = c.dayAt(a); rec.start < b; rec = c.day(rec.day + 1)) {
    if (rec.start >= a && rec.end <= b) {
      sum += rec.total;
      continue;
    }
    const { spans } = rec;
    for (let i = 0; i < spans.length; i += 2) {
      const overlap = Math.min(spans[i + 1]!, b) - Math.max(spans[i]!, a);
      if (overlap > 0) sum += overlap;
    }
  }
  return sum;
}

/**
 * The instant at which `durationMs` of business time has elapsed since `startMs`:
 * the due time of a target. Zero returns `startMs` itself.
 */
export function addBusinessTime(calendar: BusinessCalendar, startMs: number, durationMs: number): number {
  if (!Number.isFinite(durationMs) || durationMs < 0) {
    throw new RangeError(`business duration must be a finite number >= 0, got ${durationMs}`);
  }
  if (durationMs === 0) return startMs;
  const c = openCalendar(calendar);
  if (c.alwaysOpen) return startMs + durationMs;
  let remaining = durationMs;
  let closedDays = 0;
  for (let rec = c.dayAt(startMs); ; rec = c.day(rec.day + 1)) {
    if (rec.start >= startMs && rec.total < remaining) {
      remaining -= rec.total;
    } else {
      const { spans } = rec;
      for (let i = 0; i < spans.length; i += 2) {
        const from = Math.max(spans[i]!, startMs);
        const available = spans[i + 1]! - from;
        if (available <= 0) continue;
        if (remaining <= available) return from + remaining;
        remaining -= available;
      }
    }
    closedDays = rec.total === 0 ? closedDays + 1 : 0;
    if (closedDays > HORIZON_DAYS) throw closedTooLong();
  }
}
