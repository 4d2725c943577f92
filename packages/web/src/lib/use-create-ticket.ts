import type { Ticket } from '@deskside/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { queryKeys } from './api';
import { newIdempotencyKey } from './idempotency';

/**
 * Sends a new ticket once per form (one idempotency key for every retry of it), then
 * opens it where the person works: the desk for agents, the portal for requesters.
 */
export function useCreateTicket<B>(send: (body: B, idempotencyKey: string) => Promise<Ticket>, opensIn: 'desk' | 'portal') {
  const navigate = useNavigate();
  const client = useQueryClient();
  const [key] = useState(newIdempotencyKey);
  return useMutation({
    mutationFn: (body: B) => send(body, key),
    onSuccess: async (ticket) => {
      void client.invalidateQueries({ queryKey: queryKeys.ticketLists });
      client.setQueryData(queryKeys.ticket(ticket.number), ticket);
      const to = opensIn === 'desk' ? '/desk/tickets/$number' : '/portal/tickets/$number';
      await navigate({ to, params: { number: ticket.number } });
    },
  });
}
