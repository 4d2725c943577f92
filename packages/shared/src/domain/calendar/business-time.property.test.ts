import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addBusinessTime, businessTimeBetween, isBusinessTime, nextBusinessStart, WEEKDAYS } from './index.js';
import type { BusinessCalendar, Holiday, HoursInterval, WeeklyHours } from './index.js';

const HOUR = 3_600_000;
const ZONES = ['Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kolkata', 'UTC', 'America/Sao_Paulo'];

// Times on a 15-minute grid, so DST gaps and repeats are hit often; intervals may overlap or span midnight.
const clockTime = fc.integer({ min: 0, max: 95 }).map((q) => `${String(Math.floor(q / 4)).padStart(2, '0')}:${String((q % 4) * 15).padStart(2, '0')}`);
const interval: fc.Arbitrary<HoursInterval> = fc.record({ start: clockTime, end: clockTime });
const day = fc.array(interval, { maxLength: 2 });
const hours = fc.tuple(day, day, day, day, day, day, day).map((days) => Object.fromEntries(WEEKDAYS.map((wd, i) => [wd, days[i]!])) as unknown as WeeklyHours);
const holiday: fc.Arbitrary<Holiday> = fc.oneof(
  fc.record({ kind: fc.constant('fixed' as const), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 28 }) }),
  fc.record({
    kind: fc.constant('nthWeekday' as const),
    month: fc.integer({ min: 1, max: 12 }),
    weekday: fc.constantFrom(...WEEKDAYS),
    nth: fc.constantFrom(1 as const, 2 as const, 3 as const, 4 as const, 'last' as const),
  }),
);
const calendar: fc.Arbitrary<BusinessCalendar> = fc
  .record({ timeZone: fc.constantFrom(...ZONES), alwaysOpen: fc.constant(false), hours, holidays: fc.array(holiday, { maxLength: 6 }) })
  .filter((c) => WEEKDAYS.some((wd) => c.hours[wd].some((iv) => iv.start !== iv.end || iv.start === '00:00')));

// Instants between 2025 and 2028, and durations up to two working weeks of business time.
const instant = fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2028, 0, 1) });
const duration = fc.integer({ min: 0, max: 80 * HOUR });
const RUNS = { numRuns: 60 };

describe('business time properties', () => {
  it('counts back exactly the duration that was added', () => {
    fc.assert(
      fc.property(calendar, instant, duration, (c, t, n) => {
        expect(businessTimeBetween(c, t, addBusinessTime(c, t, n))).toBe(n);
      }),
      RUNS,
    );
  });

  it('moves the due time later for a longer duration and for a later start', () => {
    fc.assert(
      fc.property(calendar, instant, instant, duration, duration, (c, t1, t2, n1, n2) => {
        const [ta, tb] = t1 <= t2 ? [t1, t2] : [t2, t1];
        const [na, nb] = n1 <= n2 ? [n1, n2] : [n2, n1];
        expect(addBusinessTime(c, ta, na)).toBeLessThanOrEqual(addBusinessTime(c, ta, nb));
        expect(addBusinessTime(c, ta, na)).toBeLessThanOrEqual(addBusinessTime(c, tb, na));
      }),
      RUNS,
    );
  });

  it('adds up over any split point', () => {
    fc.assert(
      fc.property(calendar, instant, fc.array(fc.integer({ min: 0, max: 60 * 24 * HOUR }), { minLength: 3, maxLength: 3 }), (c, t, offsets) => {
        const [a, b, d] = offsets.map((o) => t + o).sort((x, y) => x - y) as [number, number, number];
        expect(businessTimeBetween(c, a, d)).toBe(businessTimeBetween(c, a, b) + businessTimeBetween(c, b, d));
      }),
      RUNS,
    );
  });

  it('counts an instant exactly when it is business time', () => {
    fc.assert(
      fc.property(calendar, instant, fc.integer({ min: 0, max: 7 * 24 * 4 }), (c, t, quarter) => {
        // Probe on the grid the hours use, where openings and closings fall, and just before.
        const x = Math.floor(t / 900_000) * 900_000 + quarter * 900_000;
        for (const probe of [x - 1, x, x + 1]) {
          expect(businessTimeBetween(c, probe, probe + 1)).toBe(isBusinessTime(c, probe) ? 1 : 0);
        }
      }),
      RUNS,
    );
  });

  it('ends a positive duration on the close of a counted millisecond', () => {
    fc.assert(
      fc.property(calendar, instant, fc.integer({ min: 1, max: 80 * HOUR }), (c, t, n) => {
        expect(isBusinessTime(c, addBusinessTime(c, t, n) - 1)).toBe(true);
      }),
      RUNS,
    );
  });

  it('finds the next opening with no business time before it', () => {
    fc.assert(
      fc.property(calendar, instant, (c, t) => {
        const next = nextBusinessStart(c, t);
        expect(isBusinessTime(c, next)).toBe(true);
        expect(businessTimeBetween(c, t, next)).toBe(0);
      }),
      RUNS,
    );
  });

  it('equals wall-clock time on a 24x7 calendar', () => {
    fc.assert(
      fc.property(calendar, instant, instant, duration, (c, a, b, n) => {
        const always = { ...c, alwaysOpen: true };
        expect(businessTimeBetween(always, a, b)).toBe(Math.max(0, b - a));
        expect(addBusinessTime(always, a, n)).toBe(a + n);
      }),
      RUNS,
    );
  });
});
