import type { PendBody } from '@deskside/shared';
import { queueTicketMail } from '../mail/index.js';
import { moveTicket, type UseCaseContext } from './ticket-writes.js';
import type { TicketView } from './tickets-repo.js';

/** Parks a ticket waiting on the user, a vendor or a change, saying which. */
export async function pendTicket(ctx: UseCaseContext, ticket: TicketView, input: PendBody) {
  const pended = await moveTicket(ctx, ticket, 'pending', { pending_reason: input.reason }, { body: input.note ?? null, data: { reason: input.reason } });
  // A wait on a vendor or a change is the desk's business; only a wait on the requester asks them for something.
  if (input.reason === 'user') await queueTicketMail(ctx.tx, ctx.mail, pended, { kind: 'pending_on_you', note: input.note ?? null }, ctx.now);
  return pended;
}
