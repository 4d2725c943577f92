import { allowedNextStatuses, isWithinReopenWindow, type ReopenBody } from '@deskside/shared';
import { conflict } from '../../errors.js';
import { getDeskSettings } from '../settings/index.js';
import { moveTicket, type UseCaseContext } from './ticket-writes.js';
import type { TicketView } from './tickets-repo.js';

/** Sends a resolved or closed ticket back to work and counts the reopen; after the window, a new ticket is the way. */
export async function reopenTicket(ctx: UseCaseContext, ticket: TicketView, input: ReopenBody) {
  // Without this, "reopen" would move any open ticket to in_progress and count a reopen that never was.
  if (ticket.status !== 'resolved' && ticket.status !== 'closed') {
    throw conflict(`A ${ticket.status} ticket is still open; only resolved or closed tickets are reopened`, allowedNextStatuses(ticket.status));
  }
  const { reopenWindowDays } = await getDeskSettings(ctx.tx);
  const since = ticket.resolved_at ?? ticket.closed_at ?? ticket.updated_at;
  if (!isWithinReopenWindow(since, ctx.now, reopenWindowDays)) {
    throw conflict(`This ticket was resolved more than ${reopenWindowDays} days ago; report a new problem instead`);
  }
  return moveTicket(
    ctx,
    ticket,
    'in_progress',
    {
      reopen_count: ticket.reopen_count + 1,
      resolved_at: null,
      restored_at: null,
      closed_at: null,
      confirmed_at: null,
      auto_close_at: null,
    },
    { type: 'reopened', body: input.reason },
  );
}
