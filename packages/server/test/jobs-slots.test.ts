import { describe, expect, it } from 'vitest';
import { slotKey, slotStart } from '../src/jobs/index.js';

const at = (iso: string) => Date.parse(iso);

describe('recurring job slots', () => {
  it('align "every N" slots to the epoch, so every node computes the same slot', () => {
    expect(slotStart({ everyMs: 60_000 }, at('2026-05-04T10:17:42.123Z'))).toBe(at('2026-05-04T10:17:00Z'));
    expect(slotStart({ everyMs: 60_000 }, at('2026-05-04T10:17:00Z'))).toBe(at('2026-05-04T10:17:00Z'));
    expect(slotKey('auto-close', at('2026-05-04T10:17:00Z'))).toBe(`recurring:auto-close:${at('2026-05-04T10:17:00Z')}`);
    expect(() => slotStart({ everyMs: 10 }, 0)).toThrow('at least a second');
  });

  it('start a daily slot at HH:MM in its time zone: today once it has passed, else yesterday', () => {
    const daily = { dailyAt: '03:30', timeZone: 'Europe/Berlin' };
    expect(slotStart(daily, at('2026-05-04T12:00:00Z'))).toBe(at('2026-05-04T01:30:00Z'));
    expect(slotStart(daily, at('2026-05-04T01:29:59Z'))).toBe(at('2026-05-03T01:30:00Z'));
    expect(slotStart({ dailyAt: '23:00', timeZone: 'America/New_York' }, at('2026-01-10T03:00:00Z'))).toBe(at('2026-01-10T04:00:00Z') - 86_400_000);
  });

  it('stay on the wall clock across DST changes', () => {
    const daily = { dailyAt: '03:30', timeZone: 'Europe/Berlin' };
    // Clocks go forward on 29 March 2026: 03:30 is CET (+1) the day before, CEST (+2) that day.
    expect(slotStart(daily, at('2026-03-29T01:00:00Z'))).toBe(at('2026-03-28T02:30:00Z'));
    expect(slotStart(daily, at('2026-03-29T12:00:00Z'))).toBe(at('2026-03-29T01:30:00Z'));
    // And back on 25 October: CEST before, CET after.
    expect(slotStart(daily, at('2026-10-24T12:00:00Z'))).toBe(at('2026-10-24T01:30:00Z'));
    expect(slotStart(daily, at('2026-10-25T12:00:00Z'))).toBe(at('2026-10-25T02:30:00Z'));
    // 02:30 does not exist on 29 March in Berlin: the slot is an hour later on the wall clock.
    expect(slotStart({ dailyAt: '02:30', timeZone: 'Europe/Berlin' }, at('2026-03-29T12:00:00Z'))).toBe(at('2026-03-29T01:30:00Z'));
  });

  it('refuses a malformed time of day', () => {
    expect(() => slotStart({ dailyAt: '3:30', timeZone: 'UTC' }, 0)).toThrow('HH:MM');
    expect(() => slotStart({ dailyAt: '24:00', timeZone: 'UTC' }, 0)).toThrow('HH:MM');
  });
});
