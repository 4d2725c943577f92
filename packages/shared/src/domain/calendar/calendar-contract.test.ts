import { describe, expect, it } from 'vitest';
import { CreateCalendarBody, UpdateCalendarBody } from '../../contracts/calendars.js';

const nine = [{ start: '09:00', end: '17:00' }];
const body = {
  name: 'Berlin office',
  timeZone: 'Europe/Berlin',
  hours: { mon: nine, tue: nine, wed: nine, thu: nine, fri: nine, sat: [], sun: [] },
};
const messages = (input: unknown) => {
  const r = CreateCalendarBody.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('calendar contracts', () => {
  it('accepts a working-week calendar with holidays of each kind', () => {
    const parsed = CreateCalendarBody.parse({
      ...body,
      holidays: [
        { kind: 'date', date: '2026-06-04' },
        { kind: 'fixed', month: 12, day: 25, name: 'Christmas' },
        { kind: 'nthWeekday', month: 5, weekday: 'mon', nth: 'last' },
      ],
    });
    expect(parsed.alwaysOpen).toBe(false);
    expect(parsed.holidays).toHaveLength(3);
  });

  it('names an unknown time zone', () => {
    expect(messages({ ...body, timeZone: 'Europe/Atlantis' })).toEqual([expect.stringMatching(/^timeZone: must be an IANA time zone/)]);
    expect(messages({ ...body, timeZone: '+01:00' })).toHaveLength(1);
  });

  it('rejects malformed times, overlapping intervals and overnight overlap into the next day', () => {
    expect(messages({ ...body, hours: { ...body.hours, mon: [{ start: '9:00', end: '17:00' }] } })[0]).toMatch(/^hours.mon.0.start: must be a time HH:MM/);
    expect(messages({ ...body, hours: { ...body.hours, mon: [...nine, { start: '16:00', end: '18:00' }] } })).toEqual([
      'hours.mon.1: overlaps interval 0 of the same day',
    ]);
    expect(messages({ ...body, hours: { ...body.hours, sun: [{ start: '22:00', end: '10:00' }] } })).toEqual([
      'hours.mon.0: overlaps an overnight interval of the day before',
    ]);
    expect(messages({ ...body, hours: { ...body.hours, sat: [{ start: '08:00', end: '08:00' }] } })[0]).toMatch(/start and end must differ/);
  });

  it('accepts 24:00 as an end and a night shift across midnight, but not one running into the next day\'s hours', () => {
    expect(messages({ ...body, hours: { ...body.hours, sat: [{ start: '18:00', end: '24:00' }], sun: [{ start: '22:00', end: '06:00' }] } })).toEqual([]);
    expect(messages({ ...body, hours: { ...body.hours, sat: [{ start: '22:00', end: '06:00' }], sun: [{ start: '00:00', end: '24:00' }] } })).toEqual([
      'hours.sun.0: overlaps an overnight interval of the day before',
    ]);
  });

  it('rejects impossible dates and days', () => {
    expect(messages({ ...body, holidays: [{ kind: 'date', date: '2026-02-30' }] })).toEqual(['holidays.0.date: must be a real date YYYY-MM-DD']);
    expect(messages({ ...body, holidays: [{ kind: 'fixed', month: 4, day: 31 }] })).toEqual(['holidays.0.day: no such day in that month']);
    expect(messages({ ...body, holidays: [{ kind: 'fixed', month: 2, day: 29 }] })).toEqual([]);
  });

  it('needs business hours unless the calendar is 24x7, and rejects unknown fields', () => {
    const closed = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
    expect(messages({ ...body, hours: closed })).toEqual(['hours: a calendar that is not 24x7 needs business hours on at least one day']);
    expect(messages({ ...body, hours: closed, alwaysOpen: true })).toEqual([]);
    expect(messages({ ...body, color: 'blue' })).toHaveLength(1);
    expect(UpdateCalendarBody.safeParse({ timeZone: 'America/New_York' }).success).toBe(true);
  });
});
