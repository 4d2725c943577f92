import { Card, Checkbox, Flex, Grid, Heading, Text, TextField } from '@radix-ui/themes';
import {
  type Calendar,
  CreateSlaPolicyBody,
  type Group,
  PENDING_REASONS,
  type PendingReason,
  type SlaPolicyView,
  type UpdateSlaPolicyBody,
} from '@deskside/shared';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Field } from '../components/field';
import { NativeSelect } from '../components/native-select';
import { api, isApiError } from '../lib/api';
import { type FieldErrors, fieldErrorsFrom, validateBody } from '../lib/problem';
import { AdminFormFooter } from './admin-form-footer';
import { changedFields } from './edit-conflict';
import { conditionsDraftOf, conditionsOf, SlaPolicyConditions } from './sla-policy-conditions';
import { parseTargets, SlaPolicyTargets, targetsDraftOf } from './sla-policy-targets';
import { PAUSE_LABELS } from './sla-policy-text';

const NO_TARGETS = { firstResponse: null, nextUpdate: null, restore: null, resolve: null };
const EMPTY = { P1: NO_TARGETS, P2: NO_TARGETS, P3: NO_TARGETS, P4: NO_TARGETS };

interface SlaPolicyFormProps {
  /** The policy being edited; null adds a new one. */
  initial: SlaPolicyView | null;
  calendars: Calendar[];
  groups: Group[];
  /** Where a new policy goes in the order unless the admin says otherwise. */
  suggestedPosition: number | null;
  onSaved: (policy: SlaPolicyView) => void;
  onCancel: () => void;
  onReload: () => void;
  reloading: boolean;
}

/** Adds or changes an SLA policy: its targets, calendar, pausing, warning and when it applies. */
export function SlaPolicyForm({ initial, calendars, groups, suggestedPosition, onSaved, onCancel, onReload, reloading }: SlaPolicyFormProps) {
  const [name, setName] = useState(initial?.name ?? '');
  const [calendarId, setCalendarId] = useState(String(initial?.calendarId ?? calendars.find((c) => !c.alwaysOpen)?.id ?? calendars[0]?.id ?? ''));
  const [targets, setTargets] = useState(() => targetsDraftOf(initial?.targets ?? EMPTY));
  const [paused, setPaused] = useState<PendingReason[]>(initial?.pausedPendingReasons ?? ['user', 'vendor']);
  const [warnPercent, setWarnPercent] = useState(String(Math.round((initial?.warnAtFraction ?? 0.75) * 100)));
  const [conditions, setConditions] = useState(() => conditionsDraftOf(initial?.conditions ?? {}));
  const [position, setPosition] = useState(String(initial?.position ?? suggestedPosition ?? ''));
  const [isDefault, setIsDefault] = useState(initial?.isDefault ?? false);
  const [escalation, setEscalation] = useState(initial?.escalation ?? { raisePriority: false, moveToNextTier: false });
  const [attempted, setAttempted] = useState(false);
  const [unchanged, setUnchanged] = useState(false);

  const save = useMutation({
    mutationFn: (send: () => Promise<SlaPolicyView>) => send(),
    onSuccess: onSaved,
  });
  const conflict = isApiError(save.error, 412);
  const edited =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      setUnchanged(false);
      if (save.isError && !conflict) save.reset();
      set(value);
    };

  const parsed = parseTargets(targets);
  const warn = Number(warnPercent);
  const warnError = /^\d+$/.test(warnPercent.trim()) && warn >= 5 && warn <= 99 ? undefined : 'Enter a whole percent from 5 to 99.';
  const positionError = position.trim() === '' || /^\d+$/.test(position.trim()) ? undefined : 'Enter a whole number, 0 or more.';
  const body = {
    name,
    calendarId: Number(calendarId),
    targets: parsed.targets,
    pausedPendingReasons: PENDING_REASONS.filter((r) => paused.includes(r)),
    warnAtFraction: warn / 100,
    conditions: conditionsOf(conditions),
    escalation,
    ...(position.trim() === '' ? {} : { position: Number(position) }),
    isDefault,
  };
  const checked = validateBody(CreateSlaPolicyBody, body);
  const ownErrors: FieldErrors = { ...parsed.errors, ...(warnError ? { warnAtFraction: warnError } : {}), ...(positionError ? { position: positionError } : {}) };
  const clientErrors: FieldErrors = attempted ? { ...(checked.ok ? {} : checked.errors), ...ownErrors } : {};
  const errors: FieldErrors = { ...clientErrors, ...fieldErrorsFrom(save.error) };
  if (isApiError(save.error, 409)) errors.name = save.error.problem.detail ?? 'That name is taken.';

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setAttempted(true);
    setUnchanged(false);
    if (!checked.ok || Object.keys(ownErrors).length > 0) return save.reset();
    // An edit sends what changed; the default flag can only be taken, never dropped.
    const { isDefault: makeDefault, ...rest } = checked.data;
    if (!initial) return save.mutate(() => api.createSlaPolicy(checked.data));
    const next: UpdateSlaPolicyBody = { ...changedFields(initial, rest), ...(makeDefault && !initial.isDefault ? { isDefault: true as const } : {}) };
    if (Object.keys(next).length === 0) {
      save.reset();
      return setUnchanged(true);
    }
    save.mutate(() => api.updateSlaPolicy(initial.id, next, initial.version));
  };

  const calendarOptions = calendars.map((c) => ({ value: String(c.id), label: c.alwaysOpen ? `${c.name} (24x7)` : `${c.name} (${c.timeZone})` }));
  return (
    <Card size="3" asChild>
      <form onSubmit={submit} noValidate aria-labelledby="policy-form-heading" data-testid="policy-form">
        <Flex direction="column" gap="5">
          <Heading as="h2" size="4" id="policy-form-heading">
            {initial ? `Edit policy: ${initial.name}` : 'New SLA policy'}
          </Heading>
          <Grid columns={{ initial: '1', sm: '2' }} gap="4">
            <Field label="Name" error={errors.name}>
              {(p) => <TextField.Root {...p} value={name} onChange={(e) => edited(setName)(e.target.value)} data-testid="policy-name" />}
            </Field>
            <Field label="Calendar" hint="Target time counts only while this calendar is open." error={errors.calendarId}>
              {(p) => <NativeSelect {...p} value={calendarId} onValueChange={edited(setCalendarId)} options={calendarOptions} data-testid="policy-calendar" />}
            </Field>
          </Grid>
          <section aria-labelledby="targets-heading">
            <Flex direction="column" gap="2">
              <Heading as="h3" size="3" id="targets-heading">
                Targets
              </Heading>
              <Text as="p" size="2" color="gray" id="targets-hint">
                Business time on the calendar: 4h, 30m or 1h 30m (a bare number is minutes). Leave a cell empty for no target.
              </Text>
              <SlaPolicyTargets draft={targets} onChange={edited(setTargets)} errors={errors} />
            </Flex>
          </section>
          <Grid columns={{ initial: '1', sm: '2' }} gap="4">
            <fieldset className="ds-fieldset">
              <legend>
                <Text size="2" weight="medium">
                  Pause the clocks while a ticket is pending because it is…
                </Text>
              </legend>
              <Flex direction="column" gap="1">
                {PENDING_REASONS.map((r) => (
                  <Text as="label" size="2" className="ds-checkbox-label" key={r}>
                    <Flex gap="2" align="center">
                      <Checkbox
                        checked={paused.includes(r)}
                        onCheckedChange={(c) => edited(setPaused)(c === true ? [...paused, r] : paused.filter((x) => x !== r))}
                        data-testid={`pause-${r}`}
                      />
                      {PAUSE_LABELS[r]}
                    </Flex>
                  </Text>
                ))}
              </Flex>
              {errors.pausedPendingReasons ? (
                <Text size="1" color="red">
                  {errors.pausedPendingReasons}
                </Text>
              ) : null}
            </fieldset>
            <Field label="Warn at (% of a target)" hint="The owner is warned when this share of a target has passed." error={errors.warnAtFraction}>
              {(p) => (
                <TextField.Root {...p} className="ds-number" inputMode="numeric" value={warnPercent} onChange={(e) => edited(setWarnPercent)(e.target.value)} data-testid="policy-warn">
                  <TextField.Slot side="right">%</TextField.Slot>
                </TextField.Root>
              )}
            </Field>
          </Grid>
          <fieldset className="ds-fieldset">
            <legend>
              <Text size="2" weight="medium">
                At a breach, besides telling the owner and the group's lead…
              </Text>
            </legend>
            <Flex direction="column" gap="1">
              <Text as="label" size="2" className="ds-checkbox-label">
                <Flex gap="2" align="center">
                  <Checkbox checked={escalation.raisePriority} onCheckedChange={(c) => edited(setEscalation)({ ...escalation, raisePriority: c === true })} data-testid="escalate-priority" />
                  Raise the priority one step (never above P1)
                </Flex>
              </Text>
              <Text as="label" size="2" className="ds-checkbox-label">
                <Flex gap="2" align="center">
                  <Checkbox checked={escalation.moveToNextTier} onCheckedChange={(c) => edited(setEscalation)({ ...escalation, moveToNextTier: c === true })} data-testid="escalate-tier" />
                  Hand the ticket to the next tier's group
                </Flex>
              </Text>
            </Flex>
          </fieldset>
          <section aria-labelledby="conditions-heading">
            <Flex direction="column" gap="2">
              <Heading as="h3" size="3" id="conditions-heading">
                Applies to
              </Heading>
              <Text as="p" size="2" color="gray">
                A new ticket gets the first policy, in order, whose conditions all hold. With no conditions, a policy takes every ticket that reaches it.
              </Text>
              <SlaPolicyConditions draft={conditions} onChange={edited(setConditions)} groups={groups} errors={errors} />
            </Flex>
          </section>
          <Grid columns={{ initial: '1', sm: '2' }} gap="4" align="start">
            <Field label="Order" hint="Lower numbers are checked first. Empty: after all the others." error={errors.position}>
              {(p) => <TextField.Root {...p} className="ds-number" inputMode="numeric" value={position} onChange={(e) => edited(setPosition)(e.target.value)} data-testid="policy-position" />}
            </Field>
            <Flex direction="column" gap="1">
              <Text as="label" size="2" className="ds-checkbox-label">
                <Flex gap="2" align="center">
                  <Checkbox checked={isDefault} disabled={initial?.isDefault === true} onCheckedChange={(c) => edited(setIsDefault)(c === true)} data-testid="policy-default" />
                  Default policy
                </Flex>
              </Text>
              <Text size="1" color="gray">
                {initial?.isDefault
                  ? 'This is the default. To change that, make another policy the default.'
                  : 'Used when no policy matches a ticket. There is one default; ticking this takes the role from the current one.'}
              </Text>
            </Flex>
          </Grid>
          <AdminFormFooter
            what="policy"
            isNew={!initial}
            conflict={conflict}
            onReload={onReload}
            reloading={reloading}
            error={save.error}
            hasClientErrors={Object.keys(clientErrors).length > 0}
            unchanged={unchanged}
            saving={save.isPending}
            onCancel={onCancel}
            testId="policy"
          />
        </Flex>
      </form>
    </Card>
  );
}
