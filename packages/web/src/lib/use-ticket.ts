import { useQuery } from '@tanstack/react-query';
import { api, queryKeys } from './api';

/** A ticket and its timeline, loaded by the number in the address. */
export function useTicket(ref: string) {
  const ticket = useQuery({ queryKey: queryKeys.ticket(ref), queryFn: () => api.getTicket(ref) });
  const events = useQuery({
    queryKey: queryKeys.ticketEvents(ref),
    queryFn: () => api.ticketEvents(ticket.data?.id ?? ref).then((r) => r.items),
    enabled: ticket.isSuccess,
  });
  return { ticket, events };
}
