import { Button, Card, Flex, Heading, Text, TextArea } from '@radix-ui/themes';
import { ReopenBody, type Ticket } from '@deskside/shared';
import { type FormEvent, useState } from 'react';
import { Field } from '../components/field';
import { FormError } from '../components/form-error';
import { api } from '../lib/api';
import { type FieldErrors, fieldErrorsFrom, validateBody } from '../lib/problem';
import { useTicketAction } from '../lib/use-ticket-action';

/** Only the requester can say the fix worked; or send it back with what is still wrong. */
export function ConfirmPanel({ ticket }: { ticket: Ticket }) {
  const [reopening, setReopening] = useState(false);
  const [reason, setReason] = useState('');
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const confirm = useTicketAction(ticket, (_: void, t) => api.confirm(t.id, t.version));
  const reopen = useTicketAction(ticket, (body: ReopenBody, t) => api.reopen(t.id, body, t.version), () => setReopening(false));
  const canConfirm = ticket.abilities.includes('confirm');
  const canReopen = ticket.abilities.includes('reopen');
  if (!canConfirm && !canReopen) return null;
  const resolved = ticket.status === 'resolved';
  const errors = { ...clientErrors, ...fieldErrorsFrom(reopen.error) };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const checked = validateBody(ReopenBody, { reason });
    setClientErrors(checked.ok ? {} : checked.errors);
    if (checked.ok) reopen.mutate(checked.data);
  };

  return (
    <Card size="3" asChild className={resolved ? 'ds-confirm' : undefined}>
      <section aria-labelledby="confirm-heading" data-testid="confirm-panel">
        <Flex direction="column" gap="3">
          <Heading as="h2" size="4" id="confirm-heading">
            {resolved ? 'Can you work again?' : 'Has the problem come back?'}
          </Heading>
          {resolved ? (
            <Text as="p" size="2">
              We think this is fixed. Please tell us if it works for you, so we can close the ticket.
            </Text>
          ) : null}
          <Flex gap="3" wrap="wrap">
            {canConfirm && resolved ? (
              <Button
                size="3"
                color="green"
                onClick={() => confirm.mutate()}
                loading={confirm.isPending}
                data-testid="confirm-fixed"
              >
                Yes, I can work again
              </Button>
            ) : null}
            {canReopen && !reopening ? (
              <Button size="3" variant="soft" color="red" onClick={() => setReopening(true)} data-testid="still-broken">
                {resolved ? "No, it's still broken" : 'It is broken again'}
              </Button>
            ) : null}
          </Flex>
          <FormError error={confirm.error} />
          {reopening ? (
            <form onSubmit={submit} noValidate aria-label="Tell us what is still wrong">
              <Flex direction="column" gap="3">
                <Field label="What is still wrong?" error={errors.reason}>
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
                <FormError error={reopen.error} />
                <Flex gap="2">
                  <Button type="submit" loading={reopen.isPending} data-testid="submit-reopen">
                    Send it back to IT
                  </Button>
                  <Button type="button" variant="soft" color="gray" onClick={() => setReopening(false)}>
                    Cancel
                  </Button>
                </Flex>
              </Flex>
            </form>
          ) : null}
        </Flex>
      </section>
    </Card>
  );
}
