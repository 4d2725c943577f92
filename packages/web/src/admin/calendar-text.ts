import { WEEKDAYS, type Calendar, type Holiday, type HoursInterval, type Weekday, type WeeklyHours } from '@deskside/shared';

export const DAY_SHORT: Record<Weekday, string> = { mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri', sat: 'Sat', sun: 'Sun' };
export const DAY_LONG: Record<Weekday, string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};
export const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const NTH: Record<string, string> = { '1': 'first', '2': 'second', '3': 'third', '4': 'fourth', last: 'last' };

const intervalsText = (day: readonly HoursInterval[]) => day.map((iv) => `${iv.start}–${iv.end}`).join(', ');

/** "Mon–Fri 08:00–18:00; Sat 09:00–13:00": runs of days with the same hours, closed days left out. */
export function weeklySummary(hours: WeeklyHours): string {
  const parts: string[] = [];
  let i = 0;
  while (i < WEEKDAYS.length) {
    const text = intervalsText(hours[WEEKDAYS[i]!]);
    let j = i;
    while (j + 1 < WEEKDAYS.length && intervalsText(hours[WEEKDAYS[j + 1]!]) === text) j++;
    if (text) {
      const days = i === j ? DAY_SHORT[WEEKDAYS[i]!] : `${DAY_SHORT[WEEKDAYS[i]!]}${j === i + 1 ? ', ' : '–'}${DAY_SHORT[WEEKDAYS[j]!]}`;
      parts.push(`${days} ${text}`);
    }
    i = j + 1;
  }
  return parts.length ? parts.join('; ') : 'Never open';
}

/** When a calendar counts time, in one line for the list. */
export function calendarHoursText(calendar: Calendar): string {
  return calendar.alwaysOpen ? '24x7 (always open)' : weeklySummary(calendar.hours);
}

/** "25 December every year", "last Monday of May", "2026-04-03". */
export function holidayText(h: Holiday): string {
  const what =
    h.kind === 'date'
      ? h.date
      : h.kind === 'fixed'
        ? `${h.day} ${MONTHS[h.month - 1] ?? '?'} every year`
        : `${NTH[String(h.nth)]} ${DAY_LONG[h.weekday]} of ${MONTHS[h.month - 1] ?? '?'}`;
  return h.name ? `${h.name} (${what})` : what;
}

/** Every IANA zone the browser knows, the browser's own first; `keep` stays listed even if unknown here. */
export function timeZoneOptions(keep: string): { value: string; label: string }[] {
  const own = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const all = Intl.supportedValuesOf('timeZone');
  const names = [own, ...[keep, 'UTC', ...all].filter((z) => z !== own)];
  return [...new Set(names.filter(Boolean))].map((z) => ({ value: z, label: z === own ? `${z} (this browser)` : z }));
}
