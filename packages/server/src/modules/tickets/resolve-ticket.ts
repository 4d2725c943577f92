import type { ResolveBody } from '@deskside/shared';
import { queueTicketMail } from '../mail/index.js';
import { indexTicketText } from '../search/index.js';
import { getDeskSettings } from '../settings/index.js';
import { moveTicket, type UseCaseContext } from './ticket-writes.js';
import type { TicketView } from './tickets-repo.js';

const DAY = 24 * 60 * 60 * 1000;

/**
 * The second clock stops: the cause is dealt with and written down. When the fix
 * was itself the restore, service came back now too. The requester is told when
 * the ticket will close by itself if they do not confirm.
 */
export async function resolveTicket(ctx: UseCaseContext, ticket: TicketView, input: ResolveBody) {
  const { autoCloseDays } = await getDeskSettings(ctx.tx);
  const autoCloseAt = ctx.now + autoCloseDays * DAY;
  const resolved = await moveTicket(
    ctx,
    ticket,
    'resolved',
    {
      resolved_at: ctx.now,
      restored_at: ticket.restored_at ?? ctx.now,
      symptom: input.symptom,
      cause: input.cause,
      resolution: input.resolution,
      category: input.category,
      pending_reason: null,
      auto_close_at: autoCloseAt,
    },
    {
      body: input.resolution,
      data: { category: input.category, autoCloseAt: new Date(autoCloseAt).toISOString() },
    },
  );
  await indexTicketText(ctx.tx, {
    ticketId: ticket.id,
    visibility: 'public',
    text: `${input.symptom}\n${input.cause}\n${input.resolution}\n${input.category}`,
  });
  await queueTicketMail(ctx.tx, ctx.mail, resolved, { kind: 'resolved', resolution: input.resolution, autoCloseAt }, ctx.now);
  return resolved;
}
