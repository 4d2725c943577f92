import { Badge, Button, Callout, Card, Flex, Heading, Text } from '@radix-ui/themes';
import type { Ticket, TicketMailItem, TicketMailList } from '@deskside/shared';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../lib/api';
import { formatWhen } from '../lib/time';

type Tone = 'green' | 'red' | 'amber' | 'gray' | 'indigo';

/** What happened to a message, in the words an agent checks ("did my answer go out?"). */
function stateOf(mail: TicketMailItem): { label: string; tone: Tone } {
  if (mail.direction === 'in') {
    if (mail.status === 'held') return { label: 'Held', tone: 'amber' };
    if (mail.status === 'ignored') return { label: 'Automatic, not filed', tone: 'gray' };
    return { label: 'Received', tone: 'indigo' };
  }
  switch (mail.status) {
    case 'sent':
      return { label: 'Sent', tone: 'green' };
    case 'failed':
      return { label: 'Not delivered yet', tone: 'red' };
    case 'skipped':
      return { label: 'Not sent', tone: 'gray' };
    default:
      return { label: 'Sending', tone: 'amber' };
  }
}

/**
 * The ticket's mail, in and out, for staff. A message opens in a sandboxed frame served
 * with its own policy: nothing in it runs, and its remote images stay blocked until the
 * agent chooses to load them, because loading one tells the sender the mail was read.
 */
export function TicketMailPanel({ ticket }: { ticket: Ticket }) {
  const mail = useQuery({
    queryKey: ['ticket-mail', ticket.id, ticket.version],
    queryFn: () => api.request<TicketMailList>('GET', `/api/v1/tickets/${ticket.id}/mail`),
    // Outgoing mail leaves after the change that queued it: look again until it has.
    refetchInterval: (query) => (query.state.data?.items.some((m) => m.direction === 'out' && m.status === 'queued') ? 3000 : false),
  });
  const items = mail.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Card size="2" asChild>
      <section aria-labelledby="mail-heading" data-testid="ticket-mail">
        <Flex direction="column" gap="3">
          <Heading as="h2" size="3" id="mail-heading">
            E-mail
          </Heading>
          <ul className="ds-mail-list">
            {items.map((item) => (
              <MailRow key={item.id} ticketId={ticket.id} mail={item} />
            ))}
          </ul>
        </Flex>
      </section>
    </Card>
  );
}

function MailRow({ ticketId, mail }: { ticketId: number; mail: TicketMailItem }) {
  const [open, setOpen] = useState(false);
  const [images, setImages] = useState<'blocked' | 'shown'>('blocked');
  const state = stateOf(mail);
  const source = `/api/v1/tickets/${ticketId}/mail/${mail.id}/original?images=${images}`;
  return (
    <li className="ds-mail-item" data-testid="mail-item" data-direction={mail.direction} data-status={mail.status} data-kind={mail.kind}>
      <Flex justify="between" align="start" gap="3">
        <Flex direction="column" gap="1" minWidth="0">
          <Text size="2" weight="medium">
            {mail.direction === 'in' ? '↘ ' : '↗ '}
            {mail.subject || '(no subject)'}
          </Text>
          <Text size="1" color="gray">
            {mail.direction === 'in' ? `from ${mail.from ?? 'unknown sender'}` : `to ${mail.to ?? 'nobody'}`} · {formatWhen(mail.sentAt ?? mail.at)}
            {mail.automatic ? ' · automatic' : ''}
          </Text>
          {mail.note ? (
            <Text size="1" color="gray" data-testid="mail-note">
              {mail.note}
            </Text>
          ) : null}
        </Flex>
        <Flex align="center" gap="2" flexShrink="0">
          <Badge color={state.tone} variant="soft">
            {state.label}
          </Badge>
          <Button size="1" variant="soft" onClick={() => setOpen(!open)} aria-expanded={open} data-testid="mail-toggle">
            {open ? 'Hide' : 'Show'}
          </Button>
        </Flex>
      </Flex>
      {open ? (
        <Flex direction="column" gap="2" mt="2">
          {mail.remoteImages > 0 && images === 'blocked' ? (
            <Callout.Root size="1" color="gray" data-testid="remote-images-blocked">
              <Callout.Text>
                {mail.remoteImages === 1 ? 'One remote image is' : `${mail.remoteImages} remote images are`} blocked, so the sender cannot tell
                that this mail was opened.{' '}
                <Button size="1" variant="ghost" onClick={() => setImages('shown')} data-testid="load-images">
                  Load images
                </Button>
              </Callout.Text>
            </Callout.Root>
          ) : null}
          <iframe
            className="ds-mail-frame"
            title={`E-mail: ${mail.subject}`}
            src={source}
            sandbox="allow-popups allow-popups-to-escape-sandbox"
            referrerPolicy="no-referrer"
            data-testid="mail-frame"
            data-images={images}
          />
        </Flex>
      ) : null}
    </li>
  );
}
