import type { RestoreBody } from '@deskside/shared';
import { queueTicketMail } from '../mail/index.js';
import { indexTicketText } from '../search/index.js';
import { moveTicket, type UseCaseContext } from './ticket-writes.js';
import type { TicketView } from './tickets-repo.js';

/** The first clock stops: the person can work again, perhaps by a workaround, while the cause stays open. */
export async function restoreTicket(ctx: UseCaseContext, ticket: TicketView, input: RestoreBody) {
  const restored = await moveTicket(
    ctx,
    ticket,
    'restored',
    { restored_at: ctx.now, workaround: input.workaround, pending_reason: null },
    { body: input.workaround },
  );
  await indexTicketText(ctx.tx, { ticketId: ticket.id, visibility: 'public', text: input.workaround });
  await queueTicketMail(ctx.tx, ctx.mail, restored, { kind: 'restored', workaround: input.workaround }, ctx.now);
  return restored;
}
