import { CalendarError } from './types.js';

const MINUTE = 60_000;
const DAY = 86_400_000;

// Building an Intl.DateTimeFormat costs far more than using one: one per zone, for the process.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

// Offsets like '+01:00' are accepted by newer ICU versions but are not IANA zones.
const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/;

/** True for a time zone name Intl knows, such as 'Europe/Berlin' or 'UTC'. */
export function isValidTimeZone(timeZone: string): boolean {
  if (!ZONE_NAME.test(timeZone)) return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The zone's offset from UTC at an instant, in ms (local = utc + offset). */
export function offsetAt(timeZone: string, ms: number): number {
  let year = 0;
  let month = 0;
  let day = 0;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let bc = false;
  for (const part of formatterFor(timeZone).formatToParts(ms)) {
    switch (part.type) {
      case 'year': year = Number(part.value); break;
      case 'month': month = Number(part.value); break;
      case 'day': day = Number(part.value); break;
      case 'hour': hour = Number(part.value); break;
      case 'minute': minute = Number(part.value); break;
      case 'second': second = Number(part.value); break;
      case 'era': bc = part.value === 'BC'; break;
      default: break;
    }
  }
  const wall = Date.UTC(bc ? 1 - year : year, month - 1, day, hour, minute, second);
  // Sub-second parts are not formatted, so compare against the instant floored to its second.
  return wall - (ms - (((ms % 1000) + 1000) % 1000));
}

/**
 * The instant a local wall-clock time names. Two rules settle the times DST makes
 * odd (decision 0016): a time skipped by spring-forward names the instant of the
 * jump (the clock passes it there), and a time repeated by fall-back names its
 * first occurrence. The mapping is thus monotonic in wall time.
 * `dayNumber` counts local dates from 1970-01-01; `minutes` may be 0..2880.
 */
export function localToUtc(timeZone: string, dayNumber: number, minutes: number): number {
  const wall = dayNumber * DAY + minutes * MINUTE;
  const before = offsetAt(timeZone, wall - DAY);
  const after = offsetAt(timeZone, wall + DAY);
  if (before === after && offsetAt(timeZone, wall - before) === before) return wall - before;
  const a = wall - before;
  const b = wall - after;
  const aValid = offsetAt(timeZone, a) === before;
  const bValid = offsetAt(timeZone, b) === after;
  if (aValid && bValid) return Math.min(a, b);
  if (aValid) return a;
  if (bValid) return b;
  return transitionBetween(timeZone, Math.min(a, b), Math.max(a, b));
}

// The wall time falls in a gap: find the instant the offset changes, between lo and hi.
function transitionBetween(timeZone: string, lo: number, hi: number): number {
  const start = offsetAt(timeZone, lo);
  if (offsetAt(timeZone, hi) === start) {
    throw new CalendarError(`cannot place a local time in ${timeZone}`);
  }
  // Offsets change on whole seconds, so this ends on the exact instant of the jump.
  while (hi - lo > 1) {
    const mid = lo + Math.floor((hi - lo) / 2);
    if (offsetAt(timeZone, mid) === start) lo = mid;
    else hi = mid;
  }
  return hi;
}
