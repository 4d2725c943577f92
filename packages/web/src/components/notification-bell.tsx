import { Button, Flex, Heading, Text } from '@radix-ui/themes';
import type { Notification } from '@deskside/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useEffect, useId, useRef, useState } from 'react';
import { api, queryKeys } from '../lib/api';
import { describeAgo, useNow } from '../lib/time';
import './notification-bell.css';

/** How many of the newest notifications the panel shows; the badge counts all unread ones. */
const SHOWN = 10;

function unreadLabel(unread: number): string {
  return unread === 0 ? 'Notifications, none unread' : `Notifications, ${unread} unread`;
}

/**
 * The bell in the desk's header: the unread count, and a panel with the newest
 * notifications. A plain disclosure (button + panel) rather than a Radix popover,
 * whose injected style element the content security policy would refuse.
 */
export function NotificationBell() {
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const panelId = useId();
  const now = useNow();
  // The stream (use-live-updates) invalidates this on `event: notification`.
  const list = useQuery({ queryKey: queryKeys.notifications, queryFn: () => api.notifications({ limit: SHOWN }) });
  const unread = list.data?.unread ?? 0;
  const items = list.data?.items ?? [];

  const markRead = useMutation({
    mutationFn: (body: { ids: number[] } | { upTo: number }) => api.markNotificationsRead(body),
    onSettled: () => client.invalidateQueries({ queryKey: queryKeys.notifications }),
  });

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      setOpen(false);
      button.current?.focus();
    };
    const onPointer = (e: PointerEvent) => {
      if (root.current && e.target instanceof Node && !root.current.contains(e.target)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [open]);

  const follow = (n: Notification) => {
    setOpen(false);
    if (n.readAt === null) markRead.mutate({ ids: [n.id] });
  };

  return (
    <div className="ds-bell" ref={root}>
      <button
        ref={button}
        type="button"
        className="ds-bell-button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={unreadLabel(unread)}
        data-testid="notification-bell"
        onClick={() => setOpen((o) => !o)}
      >
        <BellIcon />
        {unread > 0 ? (
          <span className="ds-bell-count" aria-hidden="true" data-testid="notification-count">
            {unread > 99 ? '99+' : unread}
          </span>
        ) : null}
      </button>
      {/* Always in the page, so aria-controls names something; hidden while closed. */}
      <div id={panelId} hidden={!open} className="ds-bell-panel" role="region" aria-label="Notifications" data-testid="notification-panel">
        <Flex align="center" justify="between" gap="3" className="ds-bell-panel-head">
          <Heading as="h2" size="3">
            Notifications
          </Heading>
          <Button
            size="1"
            variant="soft"
            disabled={unread === 0 || markRead.isPending}
            onClick={() => items[0] && markRead.mutate({ upTo: items[0].id })}
            data-testid="mark-all-read"
          >
            Mark all read
          </Button>
        </Flex>
        {list.isError ? (
          <Text as="p" size="2" color="red" className="ds-bell-empty">
            Could not load notifications. They will show again once the desk answers.
          </Text>
        ) : items.length === 0 ? (
          <Text as="p" size="2" color="gray" className="ds-bell-empty">
            Nothing yet. Tickets handed to you, requesters' replies and SLA warnings show up here.
          </Text>
        ) : (
          <ul className="ds-bell-list">
            {items.map((n) => (
              <li key={n.id} className={n.readAt === null ? 'ds-bell-item ds-bell-unread' : 'ds-bell-item'} data-testid="notification">
                <NotificationText n={n} now={now} onFollow={() => follow(n)} />
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}

function NotificationText({ n, now, onFollow }: { n: Notification; now: number; onFollow: () => void }) {
  const title = (
    <>
      {n.readAt === null ? <span className="ds-visually-hidden">Unread: </span> : null}
      {n.title}
    </>
  );
  return (
    <>
      {n.ticketNumber ? (
        <Link to="/desk/tickets/$number" params={{ number: n.ticketNumber }} className="ds-bell-link" onClick={onFollow}>
          {title}
        </Link>
      ) : (
        <span className="ds-bell-link">{title}</span>
      )}
      {n.body ? (
        <Text as="p" size="1" color="gray" className="ds-bell-body">
          {n.body}
        </Text>
      ) : null}
      <Text as="p" size="1" color="gray">
        {describeAgo(n.createdAt, now)}
      </Text>
    </>
  );
}

function BellIcon() {
  return (
    <svg width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
      <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
      <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
    </svg>
  );
}
