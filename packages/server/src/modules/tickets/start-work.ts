import { allowedNextStatuses, isOpenStatus } from '@deskside/shared';
import { conflict } from '../../errors.js';
import { moveTicket, type UseCaseContext } from './ticket-writes.js';
import type { TicketView } from './tickets-repo.js';

/** Puts a ticket (back) to work: after acknowledging, after a wait ends, or when a workaround stops holding. */
export async function startWork(ctx: UseCaseContext, ticket: TicketView) {
  // Back from resolved or closed is a reopen: it needs a reason and counts, so "start" may not skip it.
  if (!isOpenStatus(ticket.status)) {
    throw conflict(`A ${ticket.status} ticket goes back to work by reopening it, with a reason`, allowedNextStatuses(ticket.status));
  }
  const changes = ticket.status === 'restored' ? { pending_reason: null, restored_at: null } : { pending_reason: null };
  return moveTicket(ctx, ticket, 'in_progress', changes, {});
}
