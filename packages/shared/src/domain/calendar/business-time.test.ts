import { describe, expect, it } from 'vitest';
import { addBusinessTime, businessTimeBetween, CalendarError, isBusinessTime, nextBusinessStart } from './index.js';
import type { BusinessCalendar, Holiday, HoursInterval, WeeklyHours } from './index.js';

const HOUR = 3_600_000;
const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

function weekdays(intervals: HoursInterval[], weekend: HoursInterval[] = []): WeeklyHours {
  return { mon: intervals, tue: intervals, wed: intervals, thu: intervals, fri: intervals, sat: weekend, sun: weekend };
}
function calendar(timeZone: string, hours: WeeklyHours, holidays: Holiday[] = []): BusinessCalendar {
  return { timeZone, alwaysOpen: false, hours, holidays };
}
const allDay = [{ start: '00:00', end: '24:00' }];
const office = (zone: string, holidays: Holiday[] = []) => calendar(zone, weekdays([{ start: '09:00', end: '17:00' }]), holidays);
const hoursOnLocalDate = (c: BusinessCalendar, fromIso: string, toIso: string) => businessTimeBetween(c, at(fromIso), at(toIso)) / HOUR;

describe('business time on an office calendar', () => {
  const berlin = office('Europe/Berlin');

  it('carries a target over the weekend: Friday 16:00 plus 2 hours is Monday 10:00', () => {
    expect(iso(addBusinessTime(berlin, at('2026-01-09T15:00:00Z'), 2 * HOUR))).toBe('2026-01-12T09:00:00.000Z');
  });

  it('counts only opening hours between two instants', () => {
    expect(hoursOnLocalDate(berlin, '2026-01-09T15:00:00Z', '2026-01-12T09:00:00Z')).toBe(2);
    expect(businessTimeBetween(berlin, at('2026-01-12T09:00:00Z'), at('2026-01-09T15:00:00Z'))).toBe(0);
  });

  it('knows when it is open and when it opens next', () => {
    expect(isBusinessTime(berlin, at('2026-01-12T08:00:00Z'))).toBe(true);
    expect(isBusinessTime(berlin, at('2026-01-12T16:00:00Z'))).toBe(false);
    expect(iso(nextBusinessStart(berlin, at('2026-01-09T16:30:00Z')))).toBe('2026-01-12T08:00:00.000Z');
    expect(nextBusinessStart(berlin, at('2026-01-12T10:00:00Z'))).toBe(at('2026-01-12T10:00:00Z'));
  });

  it('lands a target that ends exactly at closing on the closing instant', () => {
    expect(iso(addBusinessTime(berlin, at('2026-01-12T08:00:00Z'), 8 * HOUR))).toBe('2026-01-12T16:00:00.000Z');
    expect(addBusinessTime(berlin, at('2026-01-10T12:00:00Z'), 0)).toBe(at('2026-01-10T12:00:00Z'));
  });

  it('rejects a negative duration', () => {
    expect(() => addBusinessTime(berlin, 0, -1)).toThrow(RangeError);
  });
});

describe('DST days count real elapsed time', () => {
  const sundays = (zone: string) => calendar(zone, { ...weekdays([]), sun: allDay });

  it('Europe/Berlin: the spring Sunday has 23 hours, the autumn Sunday 25', () => {
    const c = sundays('Europe/Berlin');
    expect(hoursOnLocalDate(c, '2026-03-28T12:00:00Z', '2026-03-30T12:00:00Z')).toBe(23);
    expect(hoursOnLocalDate(c, '2026-10-24T12:00:00Z', '2026-10-26T12:00:00Z')).toBe(25);
  });

  it('America/New_York: the same, on its own dates', () => {
    const c = sundays('America/New_York');
    expect(hoursOnLocalDate(c, '2026-03-07T12:00:00Z', '2026-03-09T12:00:00Z')).toBe(23);
    expect(hoursOnLocalDate(c, '2026-10-31T12:00:00Z', '2026-11-02T12:00:00Z')).toBe(25);
  });

  it('Australia/Lord_Howe: a half-hour shift gives 23.5 and 24.5 hours', () => {
    const c = sundays('Australia/Lord_Howe');
    expect(hoursOnLocalDate(c, '2026-10-03T00:00:00Z', '2026-10-05T00:00:00Z')).toBe(23.5);
    expect(hoursOnLocalDate(c, '2026-04-04T00:00:00Z', '2026-04-06T00:00:00Z')).toBe(24.5);
  });

  it('opens a shift whose start is skipped by spring-forward at the jump itself', () => {
    const c = calendar('Europe/Berlin', { ...weekdays([]), sun: [{ start: '02:30', end: '04:00' }] });
    // 02:00 CET becomes 03:00 CEST at 01:00Z; 04:00 CEST is 02:00Z.
    expect(iso(nextBusinessStart(c, at('2026-03-29T00:00:00Z')))).toBe('2026-03-29T01:00:00.000Z');
    expect(hoursOnLocalDate(c, '2026-03-29T00:00:00Z', '2026-03-30T00:00:00Z')).toBe(1);
  });

  it('reads a repeated fall-back time as its first occurrence', () => {
    const c = calendar('America/New_York', { ...weekdays([]), sun: [{ start: '01:30', end: '02:00' }] });
    // 01:30 EDT is 05:30Z; 02:00 EST is 07:00Z, so the hour in between is counted once, really elapsed.
    expect(iso(nextBusinessStart(c, at('2026-11-01T00:00:00Z')))).toBe('2026-11-01T05:30:00.000Z');
    expect(hoursOnLocalDate(c, '2026-11-01T00:00:00Z', '2026-11-02T00:00:00Z')).toBe(1.5);
  });

  it('a night shift 22:00-06:00 over the DST nights lasts 7 and 9 hours', () => {
    const c = calendar('America/New_York', { ...weekdays([]), sat: [{ start: '22:00', end: '06:00' }] });
    expect(hoursOnLocalDate(c, '2026-03-07T12:00:00Z', '2026-03-09T12:00:00Z')).toBe(7);
    expect(hoursOnLocalDate(c, '2026-10-31T12:00:00Z', '2026-11-02T12:00:00Z')).toBe(9);
    expect(iso(addBusinessTime(c, at('2026-03-08T03:00:00Z'), 7 * HOUR))).toBe('2026-03-08T10:00:00.000Z');
  });
});

describe('midnight-spanning hours', () => {
  const nights = calendar('Europe/Berlin', weekdays([{ start: '22:00', end: '06:00' }]));

  it('counts a night shift 22:00-06:00 into the next morning', () => {
    // From Friday 01:00 local: the rest of Thursday's shift (5 h), then Friday 22:00 to Saturday 06:00;
    // Saturday and Sunday have no shift of their own.
    expect(hoursOnLocalDate(nights, '2026-01-09T00:00:00Z', '2026-01-12T00:00:00Z')).toBe(5 + 8);
    expect(isBusinessTime(nights, at('2026-01-10T04:00:00Z'))).toBe(true);
    expect(isBusinessTime(nights, at('2026-01-10T21:30:00Z'))).toBe(false);
  });

  it('rolls a target across midnight inside one shift', () => {
    expect(iso(addBusinessTime(nights, at('2026-01-12T22:00:00Z'), 3 * HOUR))).toBe('2026-01-13T01:00:00.000Z');
  });

  it('ends an interval at 24:00 at midnight', () => {
    const c = calendar('UTC', weekdays([{ start: '20:00', end: '24:00' }]));
    expect(hoursOnLocalDate(c, '2026-01-12T00:00:00Z', '2026-01-13T00:00:00Z')).toBe(4);
  });
});

describe('holidays close their whole local date', () => {
  it('a holiday on a Monday moves Friday afternoon work to Tuesday', () => {
    const c = office('Europe/Berlin', [{ kind: 'date', date: '2026-01-12' }]);
    expect(iso(addBusinessTime(c, at('2026-01-09T15:00:00Z'), 2 * HOUR))).toBe('2026-01-13T09:00:00.000Z');
    expect(isBusinessTime(c, at('2026-01-12T10:00:00Z'))).toBe(false);
  });

  it('cuts the overnight shift from the evening before the holiday at midnight, and counts the holiday night after midnight', () => {
    const c = calendar('Europe/Berlin', { ...weekdays([{ start: '22:00', end: '06:00' }]), sun: [{ start: '22:00', end: '06:00' }] }, [
      { kind: 'date', date: '2026-01-12' },
    ]);
    // Sunday 22:00-24:00 counts; Monday is closed; Monday's own shift resumes at Tuesday 00:00.
    expect(hoursOnLocalDate(c, '2026-01-11T20:00:00Z', '2026-01-12T23:00:00Z')).toBe(2);
    expect(hoursOnLocalDate(c, '2026-01-12T23:00:00Z', '2026-01-13T05:00:00Z')).toBe(6);
  });

  it('Christmas as a yearly rule closes December 25 every year', () => {
    const c = office('Europe/Berlin', [{ kind: 'fixed', month: 12, day: 25, name: 'Christmas' }]);
    expect(isBusinessTime(c, at('2026-12-25T10:00:00Z'))).toBe(false);
    expect(isBusinessTime(c, at('2030-12-25T10:00:00Z'))).toBe(false);
    expect(isBusinessTime(c, at('2026-12-24T10:00:00Z'))).toBe(true);
    expect(iso(addBusinessTime(c, at('2026-12-24T15:00:00Z'), 2 * HOUR))).toBe('2026-12-28T09:00:00.000Z');
  });

  it("'last Monday of May' finds the 4th or the 5th Monday", () => {
    const c = office('America/New_York', [{ kind: 'nthWeekday', month: 5, weekday: 'mon', nth: 'last' }]);
    expect(isBusinessTime(c, at('2026-05-25T15:00:00Z'))).toBe(false);
    expect(isBusinessTime(c, at('2026-05-18T15:00:00Z'))).toBe(true);
    expect(isBusinessTime(c, at('2027-05-31T15:00:00Z'))).toBe(false);
    expect(isBusinessTime(c, at('2027-05-24T15:00:00Z'))).toBe(true);
  });

  it("'second Tuesday' is the Tuesday in days 8..14", () => {
    const c = office('UTC', [{ kind: 'nthWeekday', month: 3, weekday: 'tue', nth: 2 }]);
    expect(isBusinessTime(c, at('2026-03-10T10:00:00Z'))).toBe(false);
    expect(isBusinessTime(c, at('2026-03-03T10:00:00Z'))).toBe(true);
  });
});

describe('24x7 and calendars that never open', () => {
  const always: BusinessCalendar = { timeZone: 'Europe/Berlin', alwaysOpen: true, hours: weekdays([]), holidays: [{ kind: 'fixed', month: 12, day: 25 }] };

  it('counts every millisecond, holidays included', () => {
    const t = at('2026-12-24T23:00:00Z');
    expect(addBusinessTime(always, t, 5 * HOUR)).toBe(t + 5 * HOUR);
    expect(businessTimeBetween(always, t, t + 48 * HOUR)).toBe(48 * HOUR);
    expect(isBusinessTime(always, t)).toBe(true);
  });

  it('throws a clear error instead of searching forever', () => {
    const never = calendar('UTC', weekdays([]));
    expect(() => addBusinessTime(never, 0, HOUR)).toThrow(CalendarError);
    expect(() => nextBusinessStart(never, 0)).toThrow(/no business hours/);
    expect(businessTimeBetween(never, 0, 1e12)).toBe(0);
  });

  it('gives up after ten years when holidays cover every open day', () => {
    const everyMonday = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].flatMap((month) =>
      ([1, 2, 3, 4, 'last'] as const).map((nth): Holiday => ({ kind: 'nthWeekday', month, weekday: 'mon', nth })),
    );
    const c = calendar('UTC', { ...weekdays([]), mon: allDay }, everyMonday);
    expect(() => addBusinessTime(c, 0, HOUR)).toThrow(/within 3653 days/);
  });

  it('rejects an unknown time zone', () => {
    expect(() => isBusinessTime(calendar('Mars/Olympus', weekdays(allDay)), 0)).toThrow(CalendarError);
  });
});
