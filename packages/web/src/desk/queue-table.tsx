import { Badge, Flex, Text } from '@radix-ui/themes';
import { isOpenStatus, type TicketSummary } from '@deskside/shared';
import { Link } from '@tanstack/react-router';
import { useEffect, useRef } from 'react';
import { PriorityBadge, StatusBadge } from '../components/badges';
import { DueText } from '../components/due-text';
import { describeAge, formatWhen } from '../lib/time';

interface QueueTableProps {
  tickets: readonly TicketSummary[];
  selected: number;
  now: number;
  onSelect: (index: number) => void;
  onOpen: (index: number) => void;
}

function Assignee({ ticket }: { ticket: TicketSummary }) {
  const marker = (
    <Badge color="amber" variant="outline" size="1" data-testid="unaccepted-marker">
      unaccepted
    </Badge>
  );
  if (!ticket.assignee) {
    return (
      <Flex gap="2" align="center">
        <Text color="gray">Nobody</Text>
        {ticket.acceptedAt ? null : marker}
      </Flex>
    );
  }
  return (
    <Flex gap="2" align="center" wrap="wrap">
      <Text>{ticket.assignee.name}</Text>
      {ticket.acceptedAt ? null : marker}
    </Flex>
  );
}

const TARGET_WORDS = {
  firstResponse: 'first response',
  nextUpdate: 'update cadence',
  restore: 'working again',
  resolve: 'resolution',
} as const;

/** Which service-level clock the due time belongs to, and whether one is already missed. */
function SlaMarker({ status }: { status: TicketSummary['slaStatus'] }) {
  if (!status) return null;
  if (status.breached) {
    return (
      <Badge color="red" variant="soft" size="1" data-testid="sla-breached-marker">
        SLA missed
      </Badge>
    );
  }
  if (status.state === 'paused') {
    return (
      <Text size="1" color="gray" data-testid="sla-paused-marker">
        clock paused
      </Text>
    );
  }
  return status.target ? (
    <Text size="1" color="gray">
      {TARGET_WORDS[status.target]}
    </Text>
  ) : null;
}

/** The agent's queue, in the server's order: priority, then the oldest promise or target. */
export function QueueTable({ tickets, selected, now, onSelect, onOpen }: QueueTableProps) {
  const bodyRef = useRef<HTMLTableSectionElement>(null);

  useEffect(() => {
    const row = bodyRef.current?.querySelector<HTMLElement>('[aria-current="true"]');
    row?.scrollIntoView({ block: 'nearest' });
  }, [selected]);

  return (
    <div className="ds-table-wrap">
    <table className="ds-table ds-queue" aria-label="Ticket queue">
      <thead>
        <tr>
          <th scope="col">Ticket</th>
          <th scope="col">Priority</th>
          <th scope="col" className="ds-col-subject">Subject</th>
          <th scope="col">Status</th>
          <th scope="col">Group</th>
          <th scope="col">Assignee</th>
          <th scope="col">Requester</th>
          <th scope="col">Due</th>
          <th scope="col">Age</th>
        </tr>
      </thead>
      <tbody ref={bodyRef}>
        {tickets.map((t, index) => (
          <tr
            key={t.id}
            data-testid="queue-row"
            data-ticket-number={t.number}
            data-index={index}
            aria-current={index === selected ? 'true' : undefined}
            className="ds-queue-row"
            onClick={(e) => {
              onSelect(index);
              if (!(e.target instanceof HTMLElement && e.target.closest('a'))) onOpen(index);
            }}
          >
            <th scope="row" className="ds-nowrap">
              <Link
                to="/desk/tickets/$number"
                params={{ number: t.number }}
                className="ds-ticket-link"
                onFocus={() => onSelect(index)}
              >
                {t.number}
              </Link>
            </th>
            <td className="ds-nowrap">
              <PriorityBadge priority={t.priority} />
            </td>
            <td className="ds-col-subject">
              <Text className="ds-ellipsis" title={t.subject}>
                {t.subject}
              </Text>
            </td>
            <td className="ds-nowrap">
              <StatusBadge status={t.status} pendingReason={t.pendingReason} compact />
            </td>
            <td>{t.group.name}</td>
            <td>
              <Assignee ticket={t} />
            </td>
            <td>{t.requester.name}</td>
            <td className="ds-nowrap" data-testid="queue-due">
              {isOpenStatus(t.status) ? (
                <Flex direction="column" gap="1" align="start">
                  <DueText at={t.dueAt} now={now} />
                  <SlaMarker status={t.slaStatus} />
                </Flex>
              ) : (
                <Text color="gray">—</Text>
              )}
            </td>
            <td className="ds-nowrap">
              <Text title={formatWhen(t.createdAt, now)}>{describeAge(t.createdAt, now)}</Text>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
    </div>
  );
}
