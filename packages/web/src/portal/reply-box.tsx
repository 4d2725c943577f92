import { Button, Flex, TextArea } from '@radix-ui/themes';
import { CommentBody, type Ticket } from '@deskside/shared';
import { type FormEvent, useState } from 'react';
import { Field } from '../components/field';
import { FormError } from '../components/form-error';
import { api } from '../lib/api';
import { type FieldErrors, fieldErrorsFrom, validateBody } from '../lib/problem';
import { useTicketAction } from '../lib/use-ticket-action';

/** The requester's reply; it always goes to the desk as a public message. */
export function ReplyBox({ ticket }: { ticket: Ticket }) {
  const [body, setBody] = useState('');
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const reply = useTicketAction(ticket, (b: CommentBody, t) => api.comment(t.id, b, t.version), () => setBody(''));
  const errors = { ...clientErrors, ...fieldErrorsFrom(reply.error) };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const checked = validateBody(CommentBody, { body, visibility: 'public' });
    setClientErrors(checked.ok ? {} : checked.errors);
    if (checked.ok) reply.mutate(checked.data);
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Reply to IT support">
      <Flex direction="column" gap="2">
        <Field label="Add a reply" hint="IT support will see it and get back to you." error={errors.body}>
          {(p) => <TextArea {...p} rows={3} value={body} onChange={(e) => setBody(e.target.value)} data-testid="reply-body" />}
        </Field>
        <FormError error={reply.error} />
        <Flex>
          <Button type="submit" loading={reply.isPending} data-testid="submit-reply">
            Send reply
          </Button>
        </Flex>
      </Flex>
    </form>
  );
}
