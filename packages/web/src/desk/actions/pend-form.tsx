import { Flex, RadioGroup, Text, TextArea } from '@radix-ui/themes';
import { PENDING_REASONS, PendBody, type PendingReason } from '@deskside/shared';
import { useId, useState } from 'react';
import { Field } from '../../components/field';
import { api } from '../../lib/api';
import { PENDING_LABELS } from '../../lib/words';
import { ActionForm } from './action-form';
import { type ActionProps, useActionForm } from './use-action-form';

/** Pending pauses the clock while the desk waits on someone else; the reason says on whom. */
export function PendForm({ ticket, onDone, onCancel }: ActionProps) {
  const id = useId();
  const [reason, setReason] = useState<PendingReason>('user');
  const [note, setNote] = useState('');
  const form = useActionForm(ticket, PendBody, (b, t) => api.pend(t.id, b, t.version), onDone);
  return (
    <ActionForm
      label="Pend"
      submitLabel="Set pending"
      testId="pend"
      pending={form.pending}
      error={form.error}
      onSubmit={() => form.submit({ reason, ...(note.trim() ? { note } : {}) })}
      onCancel={onCancel}
    >
      <Flex direction="column" gap="2">
        <Text id={`${id}-reason`} size="2" weight="medium">
          Waiting on
        </Text>
        <RadioGroup.Root
          value={reason}
          onValueChange={(v) => setReason(v as PendingReason)}
          aria-labelledby={`${id}-reason`}
          data-testid="pend-reason"
        >
          <Flex gap="4" wrap="wrap">
            {PENDING_REASONS.map((r) => (
              <RadioGroup.Item key={r} value={r}>
                {PENDING_LABELS[r].replace(/^waiting on /, '')}
              </RadioGroup.Item>
            ))}
          </Flex>
        </RadioGroup.Root>
      </Flex>
      <Field label="Note (optional)" hint="Say what you are waiting for." error={form.errors.note}>
        {(p) => <TextArea {...p} rows={2} value={note} onChange={(e) => setNote(e.target.value)} />}
      </Field>
    </ActionForm>
  );
}
