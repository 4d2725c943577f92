import { Callout, TextArea } from '@radix-ui/themes';
import { CommentBody } from '@deskside/shared';
import { useState } from 'react';
import { Field } from '../../components/field';
import { api } from '../../lib/api';
import { ActionForm } from './action-form';
import { NextUpdatePicker, type NextUpdateChoice, resolveNextUpdate } from './next-update-picker';
import { type ActionProps, useActionForm } from './use-action-form';

/** A public reply (which may renew the promise) or an internal note only staff see. */
export function CommentForm({ ticket, onDone, onCancel, visibility }: ActionProps & { visibility: 'public' | 'internal' }) {
  const [body, setBody] = useState('');
  const [next, setNext] = useState<NextUpdateChoice>({ pick: 'none', custom: '' });
  const form = useActionForm(ticket, CommentBody, (b, t) => api.comment(t.id, b, t.version), onDone);
  const internal = visibility === 'internal';
  return (
    <ActionForm
      label={internal ? 'Internal note' : 'Reply'}
      submitLabel={internal ? 'Add internal note' : 'Send reply'}
      testId={internal ? 'note' : 'reply'}
      pending={form.pending}
      error={form.error}
      onSubmit={() =>
        form.submit({ body, visibility, ...(internal ? {} : { nextUpdateAt: resolveNextUpdate(next) }) })
      }
      onCancel={onCancel}
    >
      {internal ? (
        <Callout.Root color="amber" size="1">
          <Callout.Text>Only staff see internal notes. The requester never does.</Callout.Text>
        </Callout.Root>
      ) : null}
      <Field label={internal ? 'Note for the team' : `Reply to ${ticket.requester.name}`} error={form.errors.body}>
        {(p) => (
          <TextArea
            {...p}
            autoFocus
            rows={4}
            value={body}
            onChange={(e) => setBody(e.target.value)}
            data-testid={internal ? 'note-body' : 'reply-body'}
          />
        )}
      </Field>
      {internal ? null : (
        <NextUpdatePicker
          label="Next update"
          value={next}
          onChange={setNext}
          allowNone
          error={form.errors.nextUpdateAt}
        />
      )}
    </ActionForm>
  );
}
