import { TextArea } from '@radix-ui/themes';
import { ReopenBody, RestoreBody } from '@deskside/shared';
import { useState } from 'react';
import { Field } from '../../components/field';
import { api } from '../../lib/api';
import { ActionForm } from './action-form';
import { type ActionProps, useActionForm } from './use-action-form';

/** Restored: the requester can work again, perhaps by a workaround they should know about. */
export function RestoreForm({ ticket, onDone, onCancel }: ActionProps) {
  const [workaround, setWorkaround] = useState(ticket.workaround ?? '');
  const form = useActionForm(ticket, RestoreBody, (b, t) => api.restore(t.id, b, t.version), onDone);
  return (
    <ActionForm
      label="Restore"
      submitLabel="Mark as working again"
      testId="restore"
      pending={form.pending}
      error={form.error}
      onSubmit={() => form.submit({ workaround })}
      onCancel={onCancel}
    >
      <Field
        label="Workaround"
        hint="How the requester keeps working until the cause is fixed. They will see this."
        error={form.errors.workaround}
      >
        {(p) => (
          <TextArea
            {...p}
            autoFocus
            rows={4}
            value={workaround}
            onChange={(e) => setWorkaround(e.target.value)}
            data-testid="workaround"
          />
        )}
      </Field>
    </ActionForm>
  );
}

/** Reopening needs a reason the next person can act on. */
export function ReopenForm({ ticket, onDone, onCancel }: ActionProps) {
  const [reason, setReason] = useState('');
  const form = useActionForm(ticket, ReopenBody, (b, t) => api.reopen(t.id, b, t.version), onDone);
  return (
    <ActionForm
      label="Reopen"
      submitLabel="Reopen ticket"
      testId="reopen"
      pending={form.pending}
      error={form.error}
      onSubmit={() => form.submit({ reason })}
      onCancel={onCancel}
    >
      <Field label="Why it needs more work" error={form.errors.reason}>
        {(p) => (
          <TextArea
            {...p}
            autoFocus
            rows={3}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            data-testid="reopen-reason"
          />
        )}
      </Field>
    </ActionForm>
  );
}
