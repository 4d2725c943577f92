import { Card, Flex, Heading, Text } from '@radix-ui/themes';
import type { Ticket } from '@deskside/shared';
import type { ReactNode } from 'react';
import { formatWhen } from '../lib/time';

function Block({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  return (
    <Flex direction="column" gap="1" data-testid={testId}>
      <Heading as="h3" size="2" color="gray">
        {title}
      </Heading>
      <Text as="p" size="2" className="ds-pre">
        {children}
      </Text>
    </Flex>
  );
}

/** The ticket's text fields, each as plain text; the two clocks are stated when they have run. */
export function TicketDetails({ ticket }: { ticket: Ticket }) {
  return (
    <Card size="2" asChild>
      <section aria-labelledby="details-heading">
        <Flex direction="column" gap="4">
          <Heading as="h2" size="3" id="details-heading" className="ds-visually-hidden">
            Details
          </Heading>
          <Block title="Description" testId="description">
            {ticket.description}
          </Block>
          {ticket.restatement ? (
            <Block title="Restatement (our words)" testId="restatement-text">
              {ticket.restatement}
            </Block>
          ) : null}
          {ticket.workaround ? (
            <Block
              title={`Workaround${ticket.restoredAt ? ` — restored ${formatWhen(ticket.restoredAt)}` : ''}`}
              testId="workaround-text"
            >
              {ticket.workaround}
            </Block>
          ) : null}
          {ticket.resolution ? (
            <Flex direction="column" gap="3" className="ds-resolution" data-testid="resolution-block">
              <Heading as="h3" size="2">
                Resolution{ticket.resolvedAt ? ` — resolved ${formatWhen(ticket.resolvedAt)}` : ''}
              </Heading>
              {ticket.symptom ? <Block title="Symptom" testId="symptom-text">{ticket.symptom}</Block> : null}
              {ticket.cause ? <Block title="Cause" testId="cause-text">{ticket.cause}</Block> : null}
              <Block title="Fix" testId="resolution-text">
                {ticket.resolution}
              </Block>
              {ticket.category ? <Block title="Category" testId="category-text">{ticket.category}</Block> : null}
            </Flex>
          ) : null}
          {ticket.closedAt ? (
            <Text size="2" color="gray">
              Closed {formatWhen(ticket.closedAt)}
              {ticket.confirmedAt ? ', confirmed by the requester' : ''}.
            </Text>
          ) : ticket.autoCloseAt ? (
            <Text size="2" color="gray">
              Closes automatically {formatWhen(ticket.autoCloseAt)} unless the requester answers.
            </Text>
          ) : null}
        </Flex>
      </section>
    </Card>
  );
}
