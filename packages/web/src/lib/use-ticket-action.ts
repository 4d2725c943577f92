import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Ticket } from '@deskside/shared';
import { isApiError, queryKeys } from './api';

/**
 * A write to one ticket: sends the version the page shows (If-Match), then puts the
 * answer in the cache. On 412 the ticket is refetched so the person sees the change.
 */
export function useTicketAction<V>(ticket: Ticket, run: (vars: V, ticket: Ticket) => Promise<Ticket>, onDone?: () => void) {
  const client = useQueryClient();
  const ref = ticket.number;
  return useMutation({
    mutationFn: (vars: V) => run(vars, ticket),
    onSuccess: (updated) => {
      client.setQueryData(queryKeys.ticket(ref), updated);
      void client.invalidateQueries({ queryKey: queryKeys.ticketEvents(ref) });
      void client.invalidateQueries({ queryKey: queryKeys.ticketLists });
      onDone?.();
    },
    onError: (error) => {
      if (isApiError(error, 412) || isApiError(error, 409)) {
        void client.invalidateQueries({ queryKey: queryKeys.ticket(ref) });
      }
    },
  });
}
