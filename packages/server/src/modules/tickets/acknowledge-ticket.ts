import type { AcknowledgeBody } from '@deskside/shared';
import { queueTicketMail } from '../mail/index.js';
import { indexTicketText } from '../search/index.js';
import { assertPromise, moveTicket, type UseCaseContext } from './ticket-writes.js';
import type { TicketView } from './tickets-repo.js';

/** Acknowledges: the agent restates the problem in their words and promises the next update. */
export async function acknowledgeTicket(ctx: UseCaseContext, ticket: TicketView, input: AcknowledgeBody) {
  const nextUpdateAt = assertPromise('nextUpdateAt', input.nextUpdateAt, ctx.now);
  const acknowledged = await moveTicket(
    ctx,
    ticket,
    'acknowledged',
    { acknowledged_at: ctx.now, restatement: input.restatement, next_update_at: nextUpdateAt },
    { type: 'acknowledged', body: input.restatement, data: { nextUpdateAt: new Date(nextUpdateAt).toISOString() } },
  );
  await indexTicketText(ctx.tx, { ticketId: ticket.id, visibility: 'public', text: input.restatement });
  await queueTicketMail(ctx.tx, ctx.mail, acknowledged, { kind: 'acknowledgement', restatement: input.restatement, nextUpdateAt }, ctx.now);
  return acknowledged;
}
