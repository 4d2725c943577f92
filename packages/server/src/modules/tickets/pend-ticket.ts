import type { PendBody } from '@deskside/shared';
import { moveTicket, type UseCaseContext } from './ticket-writes.js';
import type { TicketView } from './tickets-repo.js';

/** Parks a ticket waiting on the user, a vendor or a change, saying which. */
export async function pendTicket(ctx: UseCaseContext, ticket: TicketView, input: PendBody) {
  return moveTicket(ctx, ticket, 'pending', { pending_reason: input.reason }, { body: input.note ?? null, data: { reason: input.reason } });
}
