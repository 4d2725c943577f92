import { isOpenStatus } from '@deskside/shared';
import { conflict } from '../../errors.js';
import { appendEvent } from './events-repo.js';
import { reloadTicket, saveTicket, type UseCaseContext } from './ticket-writes.js';
import type { TicketView } from './tickets-repo.js';

/** The assignee (or, when nobody is named, a member of the owning group) takes ownership. */
export async function acceptTicket(ctx: UseCaseContext, ticket: TicketView) {
  const { tx, actor, now } = ctx;
  if (!isOpenStatus(ticket.status)) throw conflict(`A ${ticket.status} ticket has no work left to take on; reopen it first`);
  if (ticket.accepted_at !== null) throw conflict(`Already accepted by ${ticket.accepted_by_name ?? 'someone'}`);
  await saveTicket(tx, ticket, { assignee_id: actor.id, accepted_at: now, accepted_by_id: actor.id }, now);
  await appendEvent(tx, { ticketId: ticket.id, type: 'accepted', visibility: 'internal', actorId: actor.id, now });
  return reloadTicket(tx, ticket.id);
}
