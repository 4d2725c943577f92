import { moveTicket, type UseCaseContext } from './ticket-writes.js';
import type { TicketView } from './tickets-repo.js';

/** Puts a ticket (back) to work: after acknowledging, after a wait ends, or when a workaround stops holding. */
export async function startWork(ctx: UseCaseContext, ticket: TicketView) {
  const changes = ticket.status === 'restored' ? { pending_reason: null, restored_at: null } : { pending_reason: null };
  return moveTicket(ctx, ticket, 'in_progress', changes, {});
}
