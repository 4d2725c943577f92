import type { AccessRequestView, Ticket } from '@deskside/shared';
import { Button, Card, Flex, Heading, Text } from '@radix-ui/themes';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { accessRequestKey, fetchTicketAccessRequests, ticketAccessRequestsKey } from './access-api';
import { AccessRequestCard } from './access-request-card';
import { StartIdentityActionForm } from './start-identity-action-form';

/** Identity actions (unlock for now) on a ticket, each behind the verification gate. */
export function IdentityActionsPanel({ ticket }: { ticket: Ticket }) {
  const client = useQueryClient();
  const list = useQuery({ queryKey: ticketAccessRequestsKey(ticket.id), queryFn: () => fetchTicketAccessRequests(ticket.id) });
  const ids = (list.data ?? []).map((r) => r.id);
  const [starting, setStarting] = useState(false);
  const startButton = useRef<HTMLButtonElement>(null);
  // Where the keyboard goes once the form is gone: the new request's heading, where the next step is,
  // or back to the button that opened the form. Moved after the commit that renders it, never before.
  const [focusNext, setFocusNext] = useState<string | null>(null);
  useEffect(() => {
    if (focusNext === null) return;
    const target = focusNext === 'start' ? startButton.current : document.getElementById(`req-${focusNext}`);
    if (target) {
      target.focus();
      setFocusNext(null);
    }
  });
  const opened = (view: AccessRequestView) => {
    client.setQueryData(accessRequestKey(view.id), view);
    client.setQueryData(ticketAccessRequestsKey(ticket.id), (old: AccessRequestView[] | undefined) => [view, ...(old ?? []).filter((r) => r.id !== view.id)]);
    setStarting(false);
    setFocusNext(view.id);
  };
  const cancel = () => {
    setStarting(false);
    setFocusNext('start');
  };
  return (
    <Card size="2" asChild>
      <section aria-labelledby="identity-actions-heading" data-testid="identity-actions">
        <Flex direction="column" gap="4">
          <Flex justify="between" align="center" gap="3">
            <Heading as="h2" size="3" id="identity-actions-heading">Identity actions</Heading>
            {starting ? null : (
              <Button ref={startButton} size="2" variant="soft" onClick={() => setStarting(true)} data-testid="start-identity-action">
                Start an identity action
              </Button>
            )}
          </Flex>
          {starting ? <StartIdentityActionForm ticketId={ticket.id} onOpened={opened} onCancel={cancel} /> : null}
          {ids.length === 0 && !starting ? (
            <Text size="2" color="gray">No identity action on this ticket yet.</Text>
          ) : null}
          {ids.map((id) => <AccessRequestCard key={id} id={id} />)}
        </Flex>
      </section>
    </Card>
  );
}
