import { TextArea } from '@radix-ui/themes';
import { AcknowledgeBody } from '@deskside/shared';
import { useState } from 'react';
import { Field } from '../../components/field';
import { api } from '../../lib/api';
import { ActionForm } from './action-form';
import { NextUpdatePicker, type NextUpdateChoice, resolveNextUpdate } from './next-update-picker';
import { type ActionProps, useActionForm } from './use-action-form';

/** Acknowledging means saying back what the problem is and promising when the requester hears next. */
export function AcknowledgeForm({ ticket, onDone, onCancel }: ActionProps) {
  const [restatement, setRestatement] = useState('');
  const [next, setNext] = useState<NextUpdateChoice>({ pick: '30', custom: '' });
  const form = useActionForm(ticket, AcknowledgeBody, (body, t) => api.acknowledge(t.id, body, t.version), onDone);
  return (
    <ActionForm
      label="Acknowledge"
      submitLabel="Send acknowledgement"
      testId="acknowledge"
      pending={form.pending}
      error={form.error}
      onSubmit={() => form.submit({ restatement, nextUpdateAt: resolveNextUpdate(next) })}
      onCancel={onCancel}
    >
      <Field
        label="The problem in your words"
        hint="The requester sees this, so they can tell you understood them."
        error={form.errors.restatement}
      >
        {(p) => (
          <TextArea
            {...p}
            autoFocus
            rows={3}
            value={restatement}
            onChange={(e) => setRestatement(e.target.value)}
            placeholder="What is broken, for whom, since when"
            data-testid="restatement"
          />
        )}
      </Field>
      <NextUpdatePicker label="Next update due" value={next} onChange={setNext} error={form.errors.nextUpdateAt} />
    </ActionForm>
  );
}
