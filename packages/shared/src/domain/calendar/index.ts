export { WEEKDAYS, CalendarError } from './types.js';
export type { BusinessCalendar, Holiday, HoursInterval, WeeklyHours, Weekday, WeekdayOccurrence } from './types.js';
export { addBusinessTime, businessTimeBetween, isBusinessTime, nextBusinessStart } from './business-time.js';
export { isValidTimeZone } from './time-zone.js';
export { dayNumberOfDate, isRealDate } from './holidays.js';
export { parseClockTime } from './calendar-days.js';
