import { Badge, Card, Flex, Heading, Text } from '@radix-ui/themes';
import { isOpenStatus, type Ticket } from '@deskside/shared';
import { PriorityBadge, StatusBadge } from '../components/badges';
import { DueText } from '../components/due-text';
import { describeAge, formatWhen, useNow } from '../lib/time';
import { TYPE_LABELS } from '../lib/words';
import type { ReactNode } from 'react';

function Fact({ label, children, 'data-testid': testId }: { label: string; children: ReactNode; 'data-testid'?: string }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd data-testid={testId}>{children}</dd>
    </div>
  );
}

/** Who owns the ticket and whether they have said yes to it. */
function Ownership({ ticket }: { ticket: Ticket }) {
  if (!ticket.assignee) {
    return (
      <Flex gap="2" align="center">
        <Text color="gray">Nobody yet</Text>
        {ticket.acceptedBy ? null : (
          <Badge color="amber" variant="outline" data-testid="not-accepted">
            not accepted yet
          </Badge>
        )}
      </Flex>
    );
  }
  return (
    <Flex gap="2" align="center" wrap="wrap">
      <Text data-testid="assignee">{ticket.assignee.name}</Text>
      {ticket.acceptedAt ? (
        <Badge color="green" variant="soft" data-testid="accepted">
          accepted{ticket.acceptedBy && ticket.acceptedBy.id !== ticket.assignee.id ? ` by ${ticket.acceptedBy.name}` : ''}
        </Badge>
      ) : (
        <Badge color="amber" variant="outline" data-testid="not-accepted">
          not accepted yet
        </Badge>
      )}
    </Flex>
  );
}

/** The ticket at a glance: what, how bad, where it stands, who owns it, what was promised. */
export function TicketHeader({ ticket }: { ticket: Ticket }) {
  const now = useNow();
  return (
    <Card size="2" asChild>
      <header aria-labelledby="ticket-subject" data-testid="ticket-header">
        <Flex direction="column" gap="3">
          <Flex gap="2" align="center" wrap="wrap">
            <Text size="2" color="gray" weight="medium" data-testid="ticket-number">
              {ticket.number}
            </Text>
            <PriorityBadge priority={ticket.priority} size="2" />
            <StatusBadge status={ticket.status} pendingReason={ticket.pendingReason} />
            <Badge variant="outline" color="gray">
              {TYPE_LABELS[ticket.type]}
            </Badge>
            {ticket.reopenCount > 0 ? (
              <Badge color="red" variant="soft">
                reopened {ticket.reopenCount}×
              </Badge>
            ) : null}
          </Flex>
          <Heading as="h1" size="6" id="ticket-subject" className="ds-break">
            {ticket.subject}
          </Heading>
          <dl className="ds-facts">
            <Fact label="Requester" data-testid="requester">
              {ticket.requester.name}
            </Fact>
            <Fact label="Group" data-testid="group">
              {ticket.group.name} (tier {ticket.group.tier})
            </Fact>
            <Fact label="Assignee">
              <Ownership ticket={ticket} />
            </Fact>
            <Fact label="Next update" data-testid="next-update">
              {ticket.nextUpdateAt && isOpenStatus(ticket.status) ? (
                <DueText at={ticket.nextUpdateAt} now={now} prefix="next update" />
              ) : (
                <Text color="gray">{ticket.status === 'new' ? 'not promised yet' : '—'}</Text>
              )}
            </Fact>
            <Fact label="Age" data-testid="age">
              <Text title={`Opened ${formatWhen(ticket.createdAt, now)} via ${ticket.channel}`}>
                {describeAge(ticket.createdAt, now)}
              </Text>
              <Text size="1" color="gray" as="div">
                opened {formatWhen(ticket.createdAt, now)} via {ticket.channel}
              </Text>
            </Fact>
          </dl>
        </Flex>
      </header>
    </Card>
  );
}
