import { Button, Card, Flex, Grid, Heading, RadioGroup, Text, TextArea, TextField } from '@radix-ui/themes';
import {
  CreateTicketBody,
  impactFromAnswer,
  LEVELS,
  type Level,
  type Person,
  priorityFor,
  TICKET_TYPES,
  type TicketType,
  urgencyFromAnswer,
} from '@deskside/shared';
import { type FormEvent, useState } from 'react';
import { PriorityBadge } from '../components/badges';
import { Field } from '../components/field';
import { FormError } from '../components/form-error';
import { NativeSelect } from '../components/native-select';
import { PriorityMatrixGrid } from '../components/priority-matrix-grid';
import { type TriageAnswers, TriageQuestions } from '../components/triage-questions';
import { api } from '../lib/api';
import { type FieldErrors, fieldErrorsFrom, validateBody } from '../lib/problem';
import { matrixOf, useGroups, useSettings } from '../lib/reference-data';
import { useCreateTicket } from '../lib/use-create-ticket';
import { LEVEL_LABELS, TYPE_LABELS } from '../lib/words';
import { PersonPicker } from './person-picker';

const LEVEL_OPTIONS = LEVELS.map((l) => ({ value: String(l), label: `${l} — ${LEVEL_LABELS[l]}` }));

/** Impact and urgency from whichever way the agent triaged; undefined until answered. */
function levelsFrom(mode: 'ask' | 'direct', answers: TriageAnswers, impact: Level, urgency: Level) {
  if (mode === 'direct') return { impact, urgency };
  if (!answers.workStopped || !answers.whoAffected) return undefined;
  return { impact: impactFromAnswer(answers.whoAffected), urgency: urgencyFromAnswer(answers.workStopped) };
}

/** Logs a ticket for someone on the phone or at the desk. */
export function NewTicketPage() {
  const settings = useSettings();
  const groups = useGroups();
  const [requester, setRequester] = useState<Person | null>(null);
  const [type, setType] = useState<TicketType>('incident');
  const [subject, setSubject] = useState('');
  const [description, setDescription] = useState('');
  const [mode, setMode] = useState<'ask' | 'direct'>('ask');
  const [answers, setAnswers] = useState<TriageAnswers>({ workStopped: '', whoAffected: '' });
  const [impact, setImpact] = useState<Level>(3);
  const [urgency, setUrgency] = useState<Level>(3);
  const [category, setCategory] = useState('');
  const [groupId, setGroupId] = useState('');
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});

  const create = useCreateTicket((body: CreateTicketBody, key) => api.createTicket(body, key), 'desk');
  const errors = { ...clientErrors, ...fieldErrorsFrom(create.error) };
  const levels = levelsFrom(mode, answers, impact, urgency);
  const matrix = matrixOf(settings.data);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const next: FieldErrors = {};
    if (!requester) next.requesterId = 'Choose who is calling';
    if (mode === 'ask' && !answers.workStopped) next.workStopped = 'Choose an answer';
    if (mode === 'ask' && !answers.whoAffected) next.whoAffected = 'Choose an answer';
    const checked = validateBody(CreateTicketBody, {
      type,
      subject,
      description,
      impact: levels?.impact ?? 3,
      urgency: levels?.urgency ?? 3,
      requesterId: requester?.id,
      ...(category.trim() ? { category } : {}),
      ...(groupId ? { groupId: Number(groupId) } : {}),
    });
    const all = { ...(checked.ok ? {} : checked.errors), ...next };
    setClientErrors(all);
    if (checked.ok && Object.keys(all).length === 0) create.mutate(checked.data);
    else create.reset();
  };

  return (
    <Flex direction="column" gap="4" className="ds-page ds-form-page">
      <Heading as="h1" size="6">
        New ticket for a caller
      </Heading>
      <form onSubmit={submit} noValidate aria-label="New ticket">
        <Grid columns={{ initial: '1', md: '3fr 2fr' }} gap="4">
          <Card size="3">
            <Flex direction="column" gap="4">
              <PersonPicker
                label="Caller (requester)"
                value={requester}
                onChange={setRequester}
                error={errors.requesterId}
              />
              <Field label="Type" error={errors.type}>
                {(p) => (
                  <NativeSelect
                    {...p}
                    value={type}
                    onValueChange={(v) => setType(v as TicketType)}
                    options={TICKET_TYPES.map((t) => ({ value: t, label: TYPE_LABELS[t] }))}
                    data-testid="ticket-type"
                  />
                )}
              </Field>
              <Field label="Subject" error={errors.subject}>
                {(p) => (
                  <TextField.Root {...p} value={subject} onChange={(e) => setSubject(e.target.value)} data-testid="subject" />
                )}
              </Field>
              <Field label="Description" hint="What they see, exact error text, when it started." error={errors.description}>
                {(p) => (
                  <TextArea
                    {...p}
                    rows={6}
                    value={description}
                    onChange={(e) => setDescription(e.target.value)}
                    data-testid="description"
                  />
                )}
              </Field>
              <Grid columns="2" gap="3">
                <Field label="Category (optional)" error={errors.category}>
                  {(p) => <TextField.Root {...p} value={category} onChange={(e) => setCategory(e.target.value)} />}
                </Field>
                <Field label="Group" error={errors.groupId}>
                  {(p) => (
                    <NativeSelect
                      {...p}
                      value={groupId}
                      onValueChange={setGroupId}
                      options={[
                        { value: '', label: 'Let the desk route it' },
                        ...(groups.data ?? []).map((g) => ({ value: String(g.id), label: g.name })),
                      ]}
                    />
                  )}
                </Field>
              </Grid>
            </Flex>
          </Card>
          <Card size="3">
            <Flex direction="column" gap="4">
              <Heading as="h2" size="3">
                Triage
              </Heading>
              <RadioGroup.Root
                value={mode}
                onValueChange={(v) => setMode(v as 'ask' | 'direct')}
                aria-label="How to set priority"
              >
                <Flex gap="4" wrap="wrap">
                  <RadioGroup.Item value="ask">Ask the caller</RadioGroup.Item>
                  <RadioGroup.Item value="direct">Set impact and urgency</RadioGroup.Item>
                </Flex>
              </RadioGroup.Root>
              {mode === 'ask' ? (
                <TriageQuestions value={answers} onChange={setAnswers} errors={errors} forCaller />
              ) : (
                <Grid columns="2" gap="3">
                  <Field label="Impact" hint="How many people, how critical" error={errors.impact}>
                    {(p) => (
                      <NativeSelect
                        {...p}
                        value={String(impact)}
                        onValueChange={(v) => setImpact(Number(v) as Level)}
                        options={LEVEL_OPTIONS}
                        data-testid="impact"
                      />
                    )}
                  </Field>
                  <Field label="Urgency" hint="How fast the damage grows" error={errors.urgency}>
                    {(p) => (
                      <NativeSelect
                        {...p}
                        value={String(urgency)}
                        onValueChange={(v) => setUrgency(Number(v) as Level)}
                        options={LEVEL_OPTIONS}
                        data-testid="urgency"
                      />
                    )}
                  </Field>
                </Grid>
              )}
              <Text size="3" role="status" data-testid="computed-priority">
                {levels ? (
                  <>
                    Priority will be{' '}
                    <PriorityBadge priority={priorityFor(matrix, levels.impact, levels.urgency)} size="2" />
                  </>
                ) : (
                  'Answer both questions to see the priority.'
                )}
              </Text>
              <PriorityMatrixGrid matrix={matrix} impact={levels?.impact} urgency={levels?.urgency} />
            </Flex>
          </Card>
        </Grid>
        <Flex direction="column" gap="3" mt="4" align="start">
          <FormError error={create.error} />
          <Button type="submit" size="3" loading={create.isPending} data-testid="submit-new-ticket">
            Create ticket
          </Button>
        </Flex>
      </form>
    </Flex>
  );
}
