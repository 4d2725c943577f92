import { Grid, TextArea, TextField } from '@radix-ui/themes';
import { ResolveBody } from '@deskside/shared';
import { useState } from 'react';
import { Field } from '../../components/field';
import { api } from '../../lib/api';
import { ActionForm } from './action-form';
import { type ActionProps, useActionForm } from './use-action-form';

/** Resolving writes down symptom, cause and fix, so the next ten tickets never happen. */
export function ResolveForm({ ticket, onDone, onCancel }: ActionProps) {
  const [symptom, setSymptom] = useState(ticket.symptom ?? ticket.restatement ?? '');
  const [cause, setCause] = useState(ticket.cause ?? '');
  const [resolution, setResolution] = useState(ticket.resolution ?? '');
  const [category, setCategory] = useState(ticket.category ?? '');
  const form = useActionForm(ticket, ResolveBody, (b, t) => api.resolve(t.id, b, t.version), onDone);
  return (
    <ActionForm
      label="Resolve"
      submitLabel="Mark as resolved"
      testId="resolve"
      pending={form.pending}
      error={form.error}
      onSubmit={() => form.submit({ symptom, cause, resolution, category })}
      onCancel={onCancel}
    >
      <Grid columns={{ initial: '1', md: '2' }} gap="3">
        <Field label="Symptom" hint="What the requester saw." error={form.errors.symptom}>
          {(p) => (
            <TextArea
              {...p}
              autoFocus
              rows={3}
              value={symptom}
              onChange={(e) => setSymptom(e.target.value)}
              data-testid="symptom"
            />
          )}
        </Field>
        <Field label="Cause" hint="Why it happened." error={form.errors.cause}>
          {(p) => (
            <TextArea {...p} rows={3} value={cause} onChange={(e) => setCause(e.target.value)} data-testid="cause" />
          )}
        </Field>
      </Grid>
      <Field label="Resolution" hint="What fixed it for good. The requester sees this." error={form.errors.resolution}>
        {(p) => (
          <TextArea
            {...p}
            rows={3}
            value={resolution}
            onChange={(e) => setResolution(e.target.value)}
            data-testid="resolution"
          />
        )}
      </Field>
      <Field label="Category" hint="For example: Email, Printing, Network, Access." error={form.errors.category}>
        {(p) => (
          <TextField.Root
            {...p}
            value={category}
            onChange={(e) => setCategory(e.target.value)}
            data-testid="category"
          />
        )}
      </Field>
    </ActionForm>
  );
}
