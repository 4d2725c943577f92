import { Button, Card, Flex, Heading, Text, TextArea } from '@radix-ui/themes';
import { PRIORITIES, priorityFor, type Level, type Priority, type Ticket, type UpdateTicketBody } from '@deskside/shared';
import { type FormEvent, useState } from 'react';
import { PriorityBadge } from '../components/badges';
import { Field } from '../components/field';
import { FormError } from '../components/form-error';
import { NativeSelect } from '../components/native-select';
import { PriorityMatrixGrid } from '../components/priority-matrix-grid';
import { api } from '../lib/api';
import { fieldErrorsFrom, type FieldErrors } from '../lib/problem';
import { matrixOf, useSettings } from '../lib/reference-data';
import { useTicketAction } from '../lib/use-ticket-action';
import { LEVEL_LABELS } from '../lib/words';

/** Triage in view: the matrix with this ticket's cell, and a recorded override when the matrix is wrong. */
export function PriorityPanel({ ticket }: { ticket: Ticket }) {
  const settings = useSettings();
  const matrix = matrixOf(settings.data);
  const canUpdate = ticket.abilities.includes('update');
  const update = useTicketAction(ticket, (body: UpdateTicketBody, t) => api.updateTicket(t.id, body, t.version));
  const fromMatrix = priorityFor(matrix, ticket.impact, ticket.urgency);
  const [overriding, setOverriding] = useState(false);

  return (
    <Card size="2" asChild>
      <section aria-labelledby="priority-heading" data-testid="priority-panel">
        <Flex direction="column" gap="3">
          <Heading as="h2" size="3" id="priority-heading">
            Priority
          </Heading>
          <Text size="2">
            Impact {LEVEL_LABELS[ticket.impact].toLowerCase()} × urgency {LEVEL_LABELS[ticket.urgency].toLowerCase()} →{' '}
            <PriorityBadge priority={fromMatrix} /> from the matrix
          </Text>
          {ticket.priorityOverride ? (
            <Text size="2" data-testid="priority-override">
              Overridden to <PriorityBadge priority={ticket.priorityOverride.priority} />: {ticket.priorityOverride.reason}
            </Text>
          ) : null}
          <PriorityMatrixGrid
            matrix={matrix}
            impact={ticket.impact}
            urgency={ticket.urgency}
            onPick={canUpdate ? (impact: Level, urgency: Level) => update.mutate({ impact, urgency }) : undefined}
            disabled={update.isPending}
          />
          {canUpdate ? (
            <Text size="1" color="gray">
              Pick a cell to change impact and urgency.
            </Text>
          ) : null}
          <FormError error={overriding ? null : update.error} />
          {canUpdate && overriding ? (
            <OverrideForm ticket={ticket} onDone={() => setOverriding(false)} />
          ) : canUpdate ? (
            <Flex gap="2" wrap="wrap">
              <Button variant="soft" onClick={() => setOverriding(true)} aria-expanded={false}>
                Override priority
              </Button>
              {ticket.priorityOverride ? (
                <Button
                  variant="soft"
                  color="gray"
                  loading={update.isPending}
                  onClick={() => update.mutate({ priorityOverride: null })}
                >
                  Return to matrix
                </Button>
              ) : null}
            </Flex>
          ) : null}
        </Flex>
      </section>
    </Card>
  );
}

function OverrideForm({ ticket, onDone }: { ticket: Ticket; onDone: () => void }) {
  const [priority, setPriority] = useState<Priority>(ticket.priorityOverride?.priority ?? ticket.priority);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const update = useTicketAction(ticket, (body: UpdateTicketBody, t) => api.updateTicket(t.id, body, t.version), onDone);
  const shown = { ...errors, ...fieldErrorsFrom(update.error) };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!reason.trim()) {
      setErrors({ 'priorityOverride.reason': 'Say why the matrix is wrong for this ticket' });
      return;
    }
    setErrors({});
    update.mutate({ priorityOverride: { priority, reason: reason.trim() } });
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Override priority" data-testid="form-override">
      <Flex direction="column" gap="3">
        <Field label="New priority" error={shown['priorityOverride.priority']}>
          {(p) => (
            <NativeSelect
              {...p}
              autoFocus
              value={priority}
              onValueChange={(v) => setPriority(v as Priority)}
              options={PRIORITIES.map((x) => ({ value: x, label: x }))}
              data-testid="override-priority"
            />
          )}
        </Field>
        <Field label="Reason" hint="Recorded on the timeline." error={shown['priorityOverride.reason'] ?? shown.priorityOverride}>
          {(p) => (
            <TextArea
              {...p}
              rows={2}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              data-testid="override-reason"
            />
          )}
        </Field>
        <FormError error={update.error} />
        <Flex gap="2">
          <Button type="submit" loading={update.isPending} data-testid="submit-override">
            Save override
          </Button>
          <Button type="button" variant="soft" color="gray" onClick={onDone}>
            Cancel
          </Button>
        </Flex>
      </Flex>
    </form>
  );
}
