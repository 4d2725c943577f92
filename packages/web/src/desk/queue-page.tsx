import { Button, Callout, Flex, Heading, Text } from '@radix-ui/themes';
import { TICKET_STATUSES, type QueueParams } from '@deskside/shared';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useCallback, useMemo, useRef, useState } from 'react';
import type { QueueSearch } from '../app/search-params';
import { problemSummary } from '../lib/problem';
import { api, queryKeys } from '../lib/api';
import { useNow } from '../lib/time';
import { QueueFilters } from './queue-filters';
import { QueueTable } from './queue-table';
import { useQueueKeyboard } from './use-queue-keyboard';

const routeApi = getRouteApi('/signed-in/desk/');
const PAGE_SIZE = 50;

/** Turns the address-bar filters into the API's query parameters. */
function toQueueParams(search: QueueSearch): QueueParams {
  return {
    status: search.status === 'all' ? TICKET_STATUSES.join(',') : search.status,
    groupId: search.groupId,
    assigneeId: search.assignee,
    priority: search.priority,
    type: search.type,
    unaccepted: search.unaccepted ? 'true' : undefined,
    q: search.q,
  };
}

/** The agent desk's front page: the queue, keyboard first. */
export function QueuePage() {
  const search = routeApi.useSearch();
  const navigate = routeApi.useNavigate();
  const now = useNow();
  const searchRef = useRef<HTMLInputElement>(null);
  const [selected, setSelected] = useState(0);
  const params = useMemo(() => toQueueParams(search), [search]);

  const queue = useInfiniteQuery({
    queryKey: queryKeys.ticketList('queue', params),
    queryFn: ({ pageParam }) => api.listTickets({ ...params, cursor: pageParam, limit: PAGE_SIZE }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
  const tickets = useMemo(() => queue.data?.pages.flatMap((p) => p.items) ?? [], [queue.data]);

  const onFilter = useCallback(
    (patch: Partial<QueueSearch>) => {
      setSelected(0);
      void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });
    },
    [navigate],
  );
  const open = useCallback(
    (index: number) => {
      const t = tickets[index];
      if (t) void navigate({ to: '/desk/tickets/$number', params: { number: t.number } });
    },
    [tickets, navigate],
  );
  const focusSearch = useCallback(() => searchRef.current?.focus(), []);
  // Moving the selection moves focus to that row's link, so Enter and screen readers follow it.
  const moveTo = useCallback((index: number) => {
    setSelected(index);
    requestAnimationFrame(() =>
      document.querySelector<HTMLElement>(`[data-testid="queue-row"][data-index="${index}"] a`)?.focus(),
    );
  }, []);
  useQueueKeyboard({ count: tickets.length, selected, setSelected: moveTo, open, focusSearch });

  return (
    <Flex direction="column" gap="4" className="ds-page">
      <Flex align="center" gap="4" wrap="wrap">
        <Heading as="h1" size="6">
          Queue
        </Heading>
        <Text size="1" color="gray" className="ds-key-hints" aria-hidden="true">
          <kbd>j</kbd>/<kbd>k</kbd> move · <kbd>Enter</kbd> open · <kbd>/</kbd> search
        </Text>
        <Button asChild ml="auto">
          <Link to="/desk/new">New ticket</Link>
        </Button>
      </Flex>
      <QueueFilters search={search} onChange={onFilter} searchRef={searchRef} />
      {queue.isError ? (
        <Callout.Root color="red" role="alert">
          <Callout.Text>{problemSummary(queue.error)}</Callout.Text>
        </Callout.Root>
      ) : null}
      <div aria-busy={queue.isFetching} className={queue.isPlaceholderData ? 'ds-stale' : undefined}>
        {queue.isPending ? (
          <Text color="gray">Loading the queue…</Text>
        ) : tickets.length === 0 ? (
          <Callout.Root color="gray" data-testid="queue-empty">
            <Callout.Text>
              {Object.keys(search).length
                ? 'No tickets match these filters.'
                : 'The queue is empty: nothing is waiting for the desk.'}
            </Callout.Text>
          </Callout.Root>
        ) : (
          <QueueTable tickets={tickets} selected={selected} now={now} onSelect={setSelected} onOpen={open} />
        )}
      </div>
      <Flex align="center" gap="3">
        <Text size="2" color="gray" role="status">
          {queue.isPending ? '' : `${tickets.length} ticket${tickets.length === 1 ? '' : 's'} shown`}
        </Text>
        {queue.hasNextPage ? (
          <Button variant="soft" onClick={() => void queue.fetchNextPage()} loading={queue.isFetchingNextPage}>
            Load more
          </Button>
        ) : null}
      </Flex>
    </Flex>
  );
}
