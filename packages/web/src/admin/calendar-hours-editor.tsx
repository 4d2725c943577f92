import { Button, Flex, Text, TextField } from '@radix-ui/themes';
import { WEEKDAYS, type HoursInterval, type Weekday } from '@deskside/shared';
import type { FieldErrors } from '../lib/problem';
import { DAY_LONG } from './calendar-text';

export type HoursDraft = Record<Weekday, HoursInterval[]>;

const NEW_INTERVAL: HoursInterval = { start: '09:00', end: '17:00' };

/** The messages about one interval, by the part of it the contract named. */
function intervalError(errors: FieldErrors, day: Weekday, i: number) {
  const base = `hours.${day}.${i}`;
  return { start: errors[`${base}.start`], end: errors[`${base}.end`], whole: errors[base] };
}

/** The contract counts intervals from 0 and says "the day before"; a person reads hours and day names. */
function plainOverlap(message: string, day: Weekday, intervals: HoursInterval[]): string {
  const before = DAY_LONG[WEEKDAYS[(WEEKDAYS.indexOf(day) + 6) % 7]!];
  return message
    .replace(/interval (\d+) of the same day/, (_, j: string) => {
      const other = intervals[Number(j)];
      return other ? `${other.start}–${other.end} on the same day` : 'other hours on the same day';
    })
    .replace('an overnight interval of the day before', `${before}'s hours that run past midnight`);
}

/** Weekly opening hours: a row per weekday, each with any number of intervals. */
export function CalendarHoursEditor({
  hours,
  onChange,
  errors,
}: {
  hours: HoursDraft;
  onChange: (hours: HoursDraft) => void;
  errors: FieldErrors;
}) {
  const setDay = (day: Weekday, intervals: HoursInterval[]) => onChange({ ...hours, [day]: intervals });
  const copyMonday = () => onChange({ ...hours, tue: [...hours.mon], wed: [...hours.mon], thu: [...hours.mon], fri: [...hours.mon] });
  return (
    <Flex direction="column" gap="3">
      <Text as="p" size="2" color="gray" id="hours-hint">
        Times are 24-hour HH:MM in the calendar's time zone. A closing time at or before the opening time runs past
        midnight into the next day (22:00–06:00 is a night shift); 24:00 closes at midnight. A day without hours is closed.
      </Text>
      <Flex>
        <Button type="button" variant="soft" size="1" onClick={copyMonday} data-testid="copy-monday">
          Copy Monday's hours to Tuesday–Friday
        </Button>
      </Flex>
      <div className="ds-hours" data-testid="hours-editor">
        {WEEKDAYS.map((day) => (
          <DayRow key={day} day={day} intervals={hours[day]} onChange={(ivs) => setDay(day, ivs)} errors={errors} />
        ))}
      </div>
      {errors.hours ? (
        <Text size="2" color="red" role="alert" data-testid="hours-error">
          {errors.hours}
        </Text>
      ) : null}
    </Flex>
  );
}

function DayRow({
  day,
  intervals,
  onChange,
  errors,
}: {
  day: Weekday;
  intervals: HoursInterval[];
  onChange: (intervals: HoursInterval[]) => void;
  errors: FieldErrors;
}) {
  const labelId = `hours-${day}-label`;
  const set = (i: number, part: keyof HoursInterval, value: string) =>
    onChange(intervals.map((iv, k) => (k === i ? { ...iv, [part]: value } : iv)));
  const last = intervals[intervals.length - 1];
  const dayError = errors[`hours.${day}`];
  return (
    <div role="group" aria-labelledby={labelId} className="ds-hours-day" data-testid={`hours-${day}`}>
      <Text id={labelId} size="2" weight="medium" className="ds-hours-name">
        {DAY_LONG[day]}
      </Text>
      <Flex direction="column" gap="2">
        {intervals.length === 0 ? (
          <Text size="2" color="gray">
            Closed
          </Text>
        ) : null}
        {intervals.map((iv, i) => {
          const err = intervalError(errors, day, i);
          const found = err.start ?? err.end ?? err.whole;
          const message = found ? plainOverlap(found, day, intervals) : undefined;
          const errorId = `hours-${day}-${i}-error`;
          const described = { 'aria-describedby': message ? `hours-hint ${errorId}` : 'hours-hint' };
          const nth = intervals.length > 1 ? ` (hours ${i + 1})` : '';
          return (
            <Flex key={i} direction="column" gap="1">
              <Flex gap="2" align="center" wrap="wrap">
                <TextField.Root
                  className="ds-time"
                  aria-label={`${DAY_LONG[day]} opens${nth}`}
                  aria-invalid={err.start || err.whole ? true : undefined}
                  {...described}
                  value={iv.start}
                  onChange={(e) => set(i, 'start', e.target.value)}
                  inputMode="numeric"
                  autoComplete="off"
                  data-testid={`hours-${day}-${i}-start`}
                />
                <Text size="2" aria-hidden>
                  to
                </Text>
                <TextField.Root
                  className="ds-time"
                  aria-label={`${DAY_LONG[day]} closes${nth}`}
                  aria-invalid={err.end || err.whole ? true : undefined}
                  {...described}
                  value={iv.end}
                  onChange={(e) => set(i, 'end', e.target.value)}
                  inputMode="numeric"
                  autoComplete="off"
                  data-testid={`hours-${day}-${i}-end`}
                />
                <Button
                  type="button"
                  variant="ghost"
                  color="red"
                  size="1"
                  onClick={() => onChange(intervals.filter((_, k) => k !== i))}
                  aria-label={`Remove ${DAY_LONG[day]} hours ${iv.start}–${iv.end}`}
                >
                  Remove
                </Button>
              </Flex>
              {message ? (
                <Text id={errorId} size="1" color="red" className="ds-field-error" data-testid={`hours-${day}-${i}-error`}>
                  {message}
                </Text>
              ) : null}
            </Flex>
          );
        })}
        {dayError ? (
          <Text size="1" color="red" className="ds-field-error">
            {dayError}
          </Text>
        ) : null}
        <Flex>
          <Button
            type="button"
            variant="ghost"
            size="1"
            onClick={() => onChange([...intervals, last ? { start: last.end === '24:00' ? '00:00' : last.end, end: '24:00' } : NEW_INTERVAL])}
            data-testid={`add-hours-${day}`}
          >
            Add hours on {DAY_LONG[day]}
          </Button>
        </Flex>
      </Flex>
    </div>
  );
}
