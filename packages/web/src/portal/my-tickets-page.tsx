import { Button, Callout, Card, Flex, Heading, Text } from '@radix-ui/themes';
import { OPEN_STATUSES, type QueueParams } from '@deskside/shared';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { api, isStaffRole, queryKeys } from '../lib/api';
import { problemSummary } from '../lib/problem';
import { useMe } from '../lib/session';
import { describeAgo, useNow } from '../lib/time';
import { PlainStatus } from './plain-status';

/** One page-able list of the person's tickets in the given statuses. */
function useMyTickets(scope: string, params: QueueParams) {
  return useInfiniteQuery({
    queryKey: queryKeys.ticketList(scope, params),
    queryFn: ({ pageParam }) => api.listTickets({ ...params, cursor: pageParam, limit: 25 }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

function TicketList({ title, list, empty }: { title: string; list: ReturnType<typeof useMyTickets>; empty: string }) {
  const now = useNow(60_000);
  const tickets = list.data?.pages.flatMap((p) => p.items) ?? [];
  const headingId = `my-${title.toLowerCase().replace(/\W+/g, '-')}`;
  return (
    <section aria-labelledby={headingId}>
      <Flex direction="column" gap="3">
        <Heading as="h2" size="4" id={headingId}>
          {title}
        </Heading>
        {list.isError ? (
          <Callout.Root color="red" role="alert">
            <Callout.Text>{problemSummary(list.error)}</Callout.Text>
          </Callout.Root>
        ) : list.isPending ? (
          <Text color="gray">Loading…</Text>
        ) : tickets.length === 0 ? (
          <Text color="gray">{empty}</Text>
        ) : (
          <ul className="ds-card-list">
            {tickets.map((t) => (
              <li key={t.id}>
                <Card asChild size="2" className="ds-ticket-card">
                  <Link
                    to="/portal/tickets/$number"
                    params={{ number: t.number }}
                    data-testid="my-ticket"
                    data-ticket-number={t.number}
                  >
                    <Flex direction="column" gap="1">
                      <Flex gap="3" align="center" wrap="wrap">
                        <Text weight="bold" className="ds-break">
                          {t.subject}
                        </Text>
                        <span className="ds-push">
                          <PlainStatus status={t.status} pendingReason={t.pendingReason} />
                        </span>
                      </Flex>
                      <Text size="1" color="gray">
                        {t.number} · reported {describeAgo(t.createdAt, now)} · last change {describeAgo(t.updatedAt, now)}
                      </Text>
                    </Flex>
                  </Link>
                </Card>
              </li>
            ))}
          </ul>
        )}
        {list.hasNextPage ? (
          <Button variant="soft" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
            Show more
          </Button>
        ) : null}
      </Flex>
    </section>
  );
}

/** Everything the person has reported: what is still going on first, then what is closed. */
export function MyTicketsPage() {
  const me = useMe();
  // The server limits requesters to their own tickets; staff using the portal ask for theirs explicitly.
  const requesterId = isStaffRole(me.user.role) ? me.user.id : undefined;
  const current = useMyTickets('mine-current', { status: [...OPEN_STATUSES, 'resolved'].join(','), requesterId });
  const closed = useMyTickets('mine-closed', { status: 'closed', requesterId });

  return (
    <Flex direction="column" gap="5" className="ds-page ds-narrow">
      <Flex align="center" gap="3" wrap="wrap">
        <Heading as="h1" size="6">
          My tickets
        </Heading>
        <Button asChild ml="auto" size="3">
          <Link to="/portal/new">Report a problem</Link>
        </Button>
      </Flex>
      <TicketList
        title="Still going on"
        list={current}
        empty="Nothing open. If something is not working, report a problem and we will help."
      />
      <TicketList title="Closed" list={closed} empty="No closed tickets yet." />
    </Flex>
  );
}
