import { z } from 'zod';
import { Id, IsoDateTime, Text } from './common.js';
import { WEEKDAYS } from '../domain/calendar/types.js';
import { dayNumberOfDate, isRealDate } from '../domain/calendar/holidays.js';
import { isValidTimeZone } from '../domain/calendar/time-zone.js';

const DAY_MINUTES = 1440;

export const TimeZoneName = z
  .string()
  .refine(isValidTimeZone, 'must be an IANA time zone such as Europe/Berlin or America/New_York');

const StartTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time HH:MM from 00:00 to 23:59');
const EndTime = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'must be a time HH:MM from 00:00 to 24:00');

const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export const HoursIntervalSchema = z
  .strictObject({ start: StartTime, end: EndTime })
  .refine((iv) => iv.start !== iv.end, {
    message: 'start and end must differ; use 00:00 to 24:00 for a whole day',
    path: ['end'],
  })
  .describe('An end at or before the start runs past midnight into the next day');

// Minutes from the start of the weekday; an overnight interval reaches into the next day.
function span(iv: { start: string; end: string }): [number, number] {
  const start = minutesOf(iv.start);
  const end = minutesOf(iv.end);
  return [start, end <= start ? end + DAY_MINUTES : end];
}

const DayHours = z.array(HoursIntervalSchema).max(12, 'at most 12 intervals a day');

export const WeeklyHoursSchema = z
  .strictObject({
    mon: DayHours,
    tue: DayHours,
    wed: DayHours,
    thu: DayHours,
    fri: DayHours,
    sat: DayHours,
    sun: DayHours,
  })
  .superRefine((week, ctx) => {
    WEEKDAYS.forEach((wd, w) => {
      const today = week[wd].map(span);
      // Yesterday's overnight intervals occupy the start of today too.
      const spill = week[WEEKDAYS[(w + 6) % 7]!]
        .map(span)
        .filter(([, e]) => e > DAY_MINUTES)
        .map(([, e]): [number, number] => [0, e - DAY_MINUTES]);
      today.forEach(([s, e], i) => {
        for (let j = 0; j < i; j++) {
          const [s2, e2] = today[j]!;
          if (s < e2 && s2 < e) {
            ctx.addIssue({ code: 'custom', path: [wd, i], message: `overlaps interval ${j} of the same day` });
          }
        }
        if (spill.some(([s2, e2]) => s < e2 && s2 < e)) {
          ctx.addIssue({ code: 'custom', path: [wd, i], message: `overlaps an overnight interval of the day before` });
        }
      });
    });
  });

const HolidayName = z.string().trim().min(1).max(100).optional();
const Month = z.number().int().min(1, 'month is 1..12').max(12, 'month is 1..12');

export const HolidaySchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('date'),
    date: z.string().refine((d) => dayNumberOfDate(d) !== null, 'must be a real date YYYY-MM-DD'),
    name: HolidayName,
  }),
  z
    .strictObject({ kind: z.literal('fixed'), month: Month, day: z.number().int(), name: HolidayName })
    // February 29 is allowed: a fixed holiday on it is observed in leap years only.
    .refine((h) => isRealDate(2000, h.month, h.day), { message: 'no such day in that month', path: ['day'] }),
  z.strictObject({
    kind: z.literal('nthWeekday'),
    month: Month,
    weekday: z.enum(WEEKDAYS),
    nth: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal('last')]),
    name: HolidayName,
  }),
]);

const hasHours = (c: { alwaysOpen?: boolean | undefined; hours?: Record<string, readonly unknown[]> | undefined }) =>
  c.alwaysOpen === true || c.hours === undefined || Object.values(c.hours).some((day) => day.length > 0);
const noHoursIssue = { message: 'a calendar that is not 24x7 needs business hours on at least one day', path: ['hours'] };

export const CreateCalendarBody = z
  .strictObject({
    name: Text(100),
    timeZone: TimeZoneName,
    alwaysOpen: z.boolean().default(false).describe('24x7: every moment counts; hours and holidays are ignored'),
    hours: WeeklyHoursSchema,
    holidays: z.array(HolidaySchema).max(500, 'at most 500 holidays').default([]),
  })
  .refine(hasHours, noHoursIssue);
export type CreateCalendarBody = z.infer<typeof CreateCalendarBody>;
/** What a client sends: fields with a default may be left out. */
export type CreateCalendarInput = z.input<typeof CreateCalendarBody>;

export const UpdateCalendarBody = z
  .strictObject({
    name: Text(100).optional(),
    timeZone: TimeZoneName.optional(),
    alwaysOpen: z.boolean().optional(),
    hours: WeeklyHoursSchema.optional(),
    holidays: z.array(HolidaySchema).max(500, 'at most 500 holidays').optional(),
  })
  .refine(hasHours, noHoursIssue);
export type UpdateCalendarBody = z.infer<typeof UpdateCalendarBody>;

export const Calendar = z
  .object({
    id: Id,
    name: z.string(),
    timeZone: z.string(),
    alwaysOpen: z.boolean(),
    hours: WeeklyHoursSchema,
    holidays: z.array(HolidaySchema),
    version: z.number().int().describe('Send it back as If-Match to change the calendar'),
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
  })
  .meta({ id: 'Calendar' });
export type Calendar = z.infer<typeof Calendar>;

export const CalendarList = z.object({ items: z.array(Calendar) });
export type CalendarList = z.infer<typeof CalendarList>;
