import { moveTicket, type UseCaseContext } from './ticket-writes.js';
import type { TicketView } from './tickets-repo.js';

/** The requester says they can work again; only they can, and it closes the ticket. */
export async function confirmTicket(ctx: UseCaseContext, ticket: TicketView) {
  return moveTicket(ctx, ticket, 'closed', { closed_at: ctx.now, confirmed_at: ctx.now, auto_close_at: null }, { type: 'confirmed' });
}
