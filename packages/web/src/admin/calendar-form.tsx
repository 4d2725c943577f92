import { Card, Checkbox, Flex, Grid, Heading, Text, TextField } from '@radix-ui/themes';
import { type Calendar, CreateCalendarBody, type CreateCalendarInput, WEEKDAYS } from '@deskside/shared';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useMemo, useState } from 'react';
import { Field } from '../components/field';
import { NativeSelect } from '../components/native-select';
import { api, isApiError } from '../lib/api';
import { type FieldErrors, fieldErrorsFrom, validateBody } from '../lib/problem';
import { CalendarHolidaysEditor, draftOf, type HolidayDraft, holidayDraftErrors, holidayOf } from './calendar-holidays-editor';
import { CalendarHoursEditor, type HoursDraft } from './calendar-hours-editor';
import { timeZoneOptions } from './calendar-text';
import { AdminFormFooter } from './admin-form-footer';
import { changedFields } from './edit-conflict';

const OFFICE: HoursDraft = {
  mon: [{ start: '08:00', end: '18:00' }],
  tue: [{ start: '08:00', end: '18:00' }],
  wed: [{ start: '08:00', end: '18:00' }],
  thu: [{ start: '08:00', end: '18:00' }],
  fri: [{ start: '08:00', end: '18:00' }],
  sat: [],
  sun: [],
};
const CLOSED = Object.fromEntries(WEEKDAYS.map((d) => [d, []])) as unknown as HoursDraft;

interface CalendarFormProps {
  /** The calendar being edited; null adds a new one. */
  initial: Calendar | null;
  onSaved: (calendar: Calendar) => void;
  onCancel: () => void;
  /** Fetches the calendar afresh after a conflict; the form is then rebuilt from it. */
  onReload: () => void;
  reloading: boolean;
}

/** Adds or changes a business-hours calendar. */
export function CalendarForm({ initial, onSaved, onCancel, onReload, reloading }: CalendarFormProps) {
  const [name, setName] = useState(initial?.name ?? '');
  const [timeZone, setTimeZone] = useState(initial?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone);
  const [alwaysOpen, setAlwaysOpen] = useState(initial?.alwaysOpen ?? false);
  const [hours, setHours] = useState<HoursDraft>(() => (initial ? copyHours(initial.hours) : OFFICE));
  const [holidays, setHolidays] = useState<HolidayDraft[]>(() => (initial?.holidays ?? []).map(draftOf));
  // After the first try to save, the form re-checks itself on every change, so fixed mistakes clear at once.
  const [attempted, setAttempted] = useState(false);
  const [unchanged, setUnchanged] = useState(false);
  const zones = useMemo(() => timeZoneOptions(initial?.timeZone ?? ''), [initial?.timeZone]);

  const save = useMutation({
    mutationFn: (body: CreateCalendarInput) =>
      initial ? api.updateCalendar(initial.id, changedFields<CreateCalendarInput>(initial, body), initial.version) : api.createCalendar(body),
    onSuccess: onSaved,
  });
  const conflict = isApiError(save.error, 412);
  const edited =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      setUnchanged(false);
      // Server messages describe what was sent; a refused save stays visible until it is redone.
      if (save.isError && !conflict) save.reset();
      set(value);
    };

  // A 24x7 calendar ignores hours and holidays; an edit keeps the stored ones for when it is switched back.
  const body = alwaysOpen
    ? { name, timeZone, alwaysOpen, hours: initial?.hours ?? CLOSED, holidays: initial?.holidays ?? [] }
    : { name, timeZone, alwaysOpen, hours, holidays: holidays.map(holidayOf) };
  const checked = validateBody(CreateCalendarBody, body);
  const clientErrors: FieldErrors = attempted ? { ...(checked.ok ? {} : checked.errors), ...(alwaysOpen ? {} : holidayDraftErrors(holidays)) } : {};
  const errors: FieldErrors = { ...clientErrors, ...fieldErrorsFrom(save.error) };
  if (isApiError(save.error, 409)) errors.name = save.error.problem.detail ?? 'That name is taken.';

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setAttempted(true);
    setUnchanged(false);
    if (!checked.ok || (!alwaysOpen && Object.keys(holidayDraftErrors(holidays)).length > 0)) return save.reset();
    if (initial && Object.keys(changedFields<CreateCalendarInput>(initial, checked.data)).length === 0) {
      save.reset();
      return setUnchanged(true);
    }
    save.mutate(checked.data);
  };

  return (
    <Card size="3" asChild>
      <form onSubmit={submit} noValidate aria-labelledby="calendar-form-heading" data-testid="calendar-form">
        <Flex direction="column" gap="4">
          <Heading as="h2" size="4" id="calendar-form-heading">
            {initial ? `Edit calendar: ${initial.name}` : 'New calendar'}
          </Heading>
          <Grid columns={{ initial: '1', sm: '2' }} gap="4">
            <Field label="Name" error={errors.name}>
              {(p) => <TextField.Root {...p} value={name} onChange={(e) => edited(setName)(e.target.value)} data-testid="calendar-name" />}
            </Field>
            <Field label="Time zone" hint="Opening hours and holidays are read in this zone." error={errors.timeZone}>
              {(p) => <NativeSelect {...p} value={timeZone} onValueChange={edited(setTimeZone)} options={zones} data-testid="calendar-time-zone" />}
            </Field>
          </Grid>
          <Text as="label" size="2" className="ds-checkbox-label">
            <Flex gap="2" align="center">
              <Checkbox checked={alwaysOpen} onCheckedChange={(c) => edited(setAlwaysOpen)(c === true)} data-testid="calendar-always-open" />
              24x7 (always open): every minute counts, and hours and holidays do not apply
            </Flex>
          </Text>
          {alwaysOpen ? null : (
            <>
              <section aria-labelledby="hours-heading">
                <Heading as="h3" size="3" id="hours-heading" mb="2">
                  Opening hours
                </Heading>
                <CalendarHoursEditor hours={hours} onChange={edited(setHours)} errors={errors} />
              </section>
              <section aria-labelledby="holidays-heading">
                <Heading as="h3" size="3" id="holidays-heading" mb="2">
                  Holidays
                </Heading>
                <CalendarHolidaysEditor holidays={holidays} onChange={edited(setHolidays)} errors={errors} />
              </section>
            </>
          )}
          <AdminFormFooter
            what="calendar"
            isNew={!initial}
            conflict={conflict}
            onReload={onReload}
            reloading={reloading}
            error={save.error}
            hasClientErrors={Object.keys(clientErrors).length > 0}
            unchanged={unchanged}
            saving={save.isPending}
            onCancel={onCancel}
            testId="calendar"
          />
        </Flex>
      </form>
    </Card>
  );
}

function copyHours(hours: Calendar['hours']): HoursDraft {
  return Object.fromEntries(WEEKDAYS.map((d) => [d, hours[d].map((iv) => ({ ...iv }))])) as unknown as HoursDraft;
}
