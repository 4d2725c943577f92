import { Callout, Card, Flex, Heading, Text } from '@radix-ui/themes';
import type { Ticket } from '@deskside/shared';
import { getRouteApi, Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { PageState } from '../components/page-state';
import { Timeline } from '../components/timeline';
import { formatWhen } from '../lib/time';
import { useTicket } from '../lib/use-ticket';
import { ConfirmPanel } from './confirm-panel';
import { PlainStatus } from './plain-status';
import { ReplyBox } from './reply-box';

const routeApi = getRouteApi('/signed-in/portal/tickets/$number');

/** What the requester should expect now, in one or two sentences. */
function whatNext(t: Ticket): string {
  const promise = t.nextUpdateAt ? ` You will hear from us by ${formatWhen(t.nextUpdateAt)}.` : '';
  switch (t.status) {
    case 'new':
      return 'We have your report. Someone will look at it shortly.';
    case 'acknowledged':
    case 'in_progress':
      return `Someone is working on this.${promise}`;
    case 'pending':
      return t.pendingReason === 'user'
        ? 'We need something from you to continue. See the latest message below and reply.'
        : `We are waiting on someone outside the desk.${promise}`;
    case 'restored':
      return `You should be able to work again using the temporary fix below. We are still working on the cause.${promise}`;
    case 'resolved':
      return 'We believe this is fixed. Please let us know if you can work again.';
    case 'closed':
      return 'This ticket is closed.';
  }
}

function Section({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  return (
    <Flex direction="column" gap="1" data-testid={testId}>
      <Heading as="h2" size="3">
        {title}
      </Heading>
      <Text as="p" size="2" className="ds-pre">
        {children}
      </Text>
    </Flex>
  );
}

/** The requester's view of one ticket: plain status, what we understood, fixes, conversation. */
export function PortalTicketPage() {
  const { number } = routeApi.useParams();
  const { ticket, events } = useTicket(number);
  if (!ticket.data) {
    return (
      <div className="ds-page ds-narrow">
        <PageState error={ticket.error} backTo="/portal" backLabel="Back to my tickets" />
      </div>
    );
  }
  const t = ticket.data;
  return (
    <Flex direction="column" gap="4" className="ds-page ds-narrow" data-testid="portal-ticket">
      <Text size="2">
        <Link to="/portal">← My tickets</Link>
      </Text>
      <Flex direction="column" gap="2">
        <Flex gap="3" align="center" wrap="wrap">
          <Text color="gray" size="2" data-testid="ticket-number">
            {t.number}
          </Text>
          <PlainStatus status={t.status} pendingReason={t.pendingReason} />
        </Flex>
        <Heading as="h1" size="6" className="ds-break">
          {t.subject}
        </Heading>
      </Flex>
      <Callout.Root color={t.status === 'resolved' ? 'green' : 'indigo'} role="status" data-testid="what-next">
        <Callout.Text>{whatNext(t)}</Callout.Text>
      </Callout.Root>
      {t.status === 'resolved' || t.status === 'closed' ? <ConfirmPanel ticket={t} /> : null}
      <Card size="3">
        <Flex direction="column" gap="4">
          {t.workaround && t.status !== 'closed' ? (
            <Section title="Temporary fix" testId="workaround-text">
              {t.workaround}
            </Section>
          ) : null}
          {t.resolution ? (
            <Section title="How we fixed it" testId="resolution-text">
              {t.resolution}
            </Section>
          ) : null}
          {t.restatement ? (
            <Section title="What we understood" testId="restatement-text">
              {t.restatement}
            </Section>
          ) : null}
          <Section title="What you told us" testId="description">
            {t.description}
          </Section>
        </Flex>
      </Card>
      <Card size="3" asChild>
        <section aria-labelledby="conversation-heading">
          <Flex direction="column" gap="3">
            <Heading as="h2" size="4" id="conversation-heading">
              Conversation
            </Heading>
            {events.data ? <Timeline events={events.data} forRequester /> : <Text color="gray">Loading…</Text>}
            {t.abilities.includes('reply') && t.status !== 'closed' ? <ReplyBox ticket={t} /> : null}
          </Flex>
        </section>
      </Card>
    </Flex>
  );
}
