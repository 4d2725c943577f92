import { type QueryClient, useQueryClient } from '@tanstack/react-query';
import type { Ticket } from '@deskside/shared';
import { useEffect } from 'react';
import { queryKeys } from './api';

interface TicketChange {
  ticketId: number;
  type: string;
  eventId: number;
}

function isTicketChange(value: unknown): value is TicketChange {
  return typeof value === 'object' && value !== null && typeof (value as TicketChange).ticketId === 'number';
}

/** Marks every cached view of one ticket stale, whatever reference (number or id) it was loaded by. */
function invalidateTicket(client: QueryClient, ticketId: number): void {
  void client.invalidateQueries({
    predicate: (query) => {
      if (query.queryKey[0] !== 'ticket') return false;
      const ref = String(query.queryKey[1]);
      const cached = client.getQueryData<Ticket>(queryKeys.ticket(ref));
      return ref === String(ticketId) || cached?.id === ticketId;
    },
  });
}

/**
 * Listens to the desk's server-sent events and refetches what the page shows.
 * List refetches are batched: a burst of changes costs one queue reload.
 */
export function useLiveUpdates(): void {
  const client = useQueryClient();
  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const source = new EventSource('/api/v1/stream');
    let listTimer: number | undefined;
    const onTicket = (event: MessageEvent<string>) => {
      let change: unknown;
      try {
        change = JSON.parse(event.data);
      } catch {
        return;
      }
      if (!isTicketChange(change)) return;
      invalidateTicket(client, change.ticketId);
      window.clearTimeout(listTimer);
      listTimer = window.setTimeout(() => void client.invalidateQueries({ queryKey: queryKeys.ticketLists }), 300);
    };
    // After a dropped connection (server restart, network blip) changes may have been missed.
    let opened = 0;
    const onOpen = () => {
      opened += 1;
      if (opened === 1) return;
      void client.invalidateQueries({ queryKey: queryKeys.ticketLists });
      void client.invalidateQueries({ queryKey: ['ticket'] });
      void client.invalidateQueries({ queryKey: queryKeys.notifications });
    };
    // A notification for this person: the bell refetches its count and list.
    const onNotification = () => void client.invalidateQueries({ queryKey: queryKeys.notifications });
    source.addEventListener('ticket', onTicket);
    source.addEventListener('notification', onNotification);
    source.addEventListener('open', onOpen);
    return () => {
      window.clearTimeout(listTimer);
      source.removeEventListener('ticket', onTicket);
      source.removeEventListener('notification', onNotification);
      source.removeEventListener('open', onOpen);
      source.close();
    };
  }, [client]);
}
