import { Button, Flex, Text, TextField } from '@radix-ui/themes';
import { WEEKDAYS, type Holiday, type Weekday, type WeekdayOccurrence } from '@deskside/shared';
import { Field } from '../components/field';
import { NativeSelect } from '../components/native-select';
import type { FieldErrors } from '../lib/problem';
import { DAY_LONG, MONTHS } from './calendar-text';

type Kind = Holiday['kind'];

/** One holiday as typed: every part a string until it is sent. */
export interface HolidayDraft {
  kind: Kind;
  date: string;
  month: string;
  day: string;
  weekday: Weekday;
  nth: string;
  name: string;
}

const KIND_OPTIONS: { value: Kind; label: string }[] = [
  { value: 'fixed', label: 'Every year on the same day' },
  { value: 'nthWeekday', label: 'Every year on a weekday of a month' },
  { value: 'date', label: 'Once, on a date' },
];
const MONTH_OPTIONS = MONTHS.map((m, i) => ({ value: String(i + 1), label: m }));
const WEEKDAY_OPTIONS = WEEKDAYS.map((d) => ({ value: d, label: DAY_LONG[d] }));
const NTH_OPTIONS = [
  { value: '1', label: 'First' },
  { value: '2', label: 'Second' },
  { value: '3', label: 'Third' },
  { value: '4', label: 'Fourth' },
  { value: 'last', label: 'Last' },
];

export const blankHoliday = (): HolidayDraft => ({ kind: 'fixed', date: '', month: '1', day: '1', weekday: 'mon', nth: '1', name: '' });

export function draftOf(h: Holiday): HolidayDraft {
  const base = { ...blankHoliday(), kind: h.kind, name: h.name ?? '' };
  if (h.kind === 'date') return { ...base, date: h.date };
  if (h.kind === 'fixed') return { ...base, month: String(h.month), day: String(h.day) };
  return { ...base, month: String(h.month), weekday: h.weekday, nth: String(h.nth) };
}

/** The holiday the API takes; a day that is not a whole number is left for the contract to refuse. */
export function holidayOf(d: HolidayDraft): Holiday {
  const name = d.name.trim() ? { name: d.name.trim() } : {};
  if (d.kind === 'date') return { kind: 'date', date: d.date, ...name };
  if (d.kind === 'fixed') return { kind: 'fixed', month: Number(d.month), day: d.day.trim() === '' ? Number.NaN : Number(d.day), ...name };
  const nth = (d.nth === 'last' ? 'last' : Number(d.nth)) as WeekdayOccurrence;
  return { kind: 'nthWeekday', month: Number(d.month), weekday: d.weekday, nth, ...name };
}

/** Messages the contract would give in words less suited to a person typing a day. */
export function holidayDraftErrors(drafts: HolidayDraft[]): FieldErrors {
  const errors: FieldErrors = {};
  drafts.forEach((d, i) => {
    if (d.kind === 'date' && !/^\d{4}-\d{2}-\d{2}$/.test(d.date)) errors[`holidays.${i}.date`] = 'Pick the date of the holiday.';
    if (d.kind === 'fixed' && !/^\d{1,2}$/.test(d.day.trim())) errors[`holidays.${i}.day`] = 'Enter the day of the month, 1–31.';
  });
  return errors;
}

/** Days the calendar is closed all day: one-off dates and yearly rules. */
export function CalendarHolidaysEditor({
  holidays,
  onChange,
  errors,
}: {
  holidays: HolidayDraft[];
  onChange: (holidays: HolidayDraft[]) => void;
  errors: FieldErrors;
}) {
  const set = (i: number, patch: Partial<HolidayDraft>) => onChange(holidays.map((h, k) => (k === i ? { ...h, ...patch } : h)));
  return (
    <Flex direction="column" gap="3">
      <Text as="p" size="2" color="gray">
        A holiday closes the whole day, midnight to midnight, in the calendar's time zone; SLA time does not run on it.
      </Text>
      {holidays.length === 0 ? (
        <Text size="2" color="gray">
          No holidays yet.
        </Text>
      ) : null}
      <ol className="ds-holidays" data-testid="holidays-editor">
        {holidays.map((h, i) => {
          const err = (part: string) => errors[`holidays.${i}.${part}`];
          const n = i + 1;
          return (
            <li key={i} className="ds-holiday" data-testid="holiday-row">
              <Field label={`Holiday ${n}: repeats`} error={errors[`holidays.${i}`]}>
                {(p) => (
                  <NativeSelect {...p} value={h.kind} onValueChange={(v) => set(i, { kind: v as Kind })} options={KIND_OPTIONS} data-testid={`holiday-${i}-kind`} />
                )}
              </Field>
              {h.kind === 'date' ? (
                <Field label="Date" error={err('date')}>
                  {(p) => <TextField.Root {...p} type="date" value={h.date} onChange={(e) => set(i, { date: e.target.value })} data-testid={`holiday-${i}-date`} />}
                </Field>
              ) : null}
              {h.kind === 'nthWeekday' ? (
                <>
                  <Field label="Which" error={err('nth')}>
                    {(p) => <NativeSelect {...p} value={h.nth} onValueChange={(v) => set(i, { nth: v })} options={NTH_OPTIONS} data-testid={`holiday-${i}-nth`} />}
                  </Field>
                  <Field label="Weekday" error={err('weekday')}>
                    {(p) => (
                      <NativeSelect {...p} value={h.weekday} onValueChange={(v) => set(i, { weekday: v as Weekday })} options={WEEKDAY_OPTIONS} data-testid={`holiday-${i}-weekday`} />
                    )}
                  </Field>
                </>
              ) : null}
              {h.kind !== 'date' ? (
                <Field label={h.kind === 'nthWeekday' ? 'Of month' : 'Month'} error={err('month')}>
                  {(p) => <NativeSelect {...p} value={h.month} onValueChange={(v) => set(i, { month: v })} options={MONTH_OPTIONS} data-testid={`holiday-${i}-month`} />}
                </Field>
              ) : null}
              {h.kind === 'fixed' ? (
                <Field label="Day" error={err('day')}>
                  {(p) => (
                    <TextField.Root {...p} className="ds-day" inputMode="numeric" value={h.day} onChange={(e) => set(i, { day: e.target.value })} data-testid={`holiday-${i}-day`} />
                  )}
                </Field>
              ) : null}
              <Field label="Name (optional)" error={err('name')}>
                {(p) => <TextField.Root {...p} value={h.name} onChange={(e) => set(i, { name: e.target.value })} data-testid={`holiday-${i}-name`} />}
              </Field>
              <Button type="button" variant="ghost" color="red" size="1" className="ds-holiday-remove" onClick={() => onChange(holidays.filter((_, k) => k !== i))} aria-label={`Remove holiday ${n}`}>
                Remove
              </Button>
            </li>
          );
        })}
      </ol>
      {errors.holidays ? (
        <Text size="2" color="red" role="alert">
          {errors.holidays}
        </Text>
      ) : null}
      <Flex>
        <Button type="button" variant="soft" size="1" onClick={() => onChange([...holidays, blankHoliday()])} data-testid="add-holiday">
          Add a holiday
        </Button>
      </Flex>
    </Flex>
  );
}
