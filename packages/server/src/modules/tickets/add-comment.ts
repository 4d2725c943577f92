import type { CommentBody } from '@deskside/shared';
import { forbidden } from '../../errors.js';
import { isStaff } from '../identity/index.js';
import { queueTicketMail } from '../mail/index.js';
import { notifyRequesterReplied } from '../notifications/index.js';
import { indexTicketText } from '../search/index.js';
import { appendEvent } from './events-repo.js';
import { can } from './ticket-policy.js';
import { assertPromise, reloadTicket, saveTicket, type UseCaseContext } from './ticket-writes.js';
import type { TicketView } from './tickets-repo.js';

/**
 * Adds a public reply or an internal note. A staff reply keeps the promise and may
 * set the next one; a requester's reply to "waiting for you" puts the ticket back to work.
 */
export async function addComment(ctx: UseCaseContext, ticket: TicketView, input: CommentBody) {
  const { tx, actor, now } = ctx;
  const internal = input.visibility === 'internal';
  if (!can(actor, internal ? 'note' : 'reply', ticket)) {
    throw forbidden(internal ? 'Only the desk writes internal notes' : 'You may not reply on this ticket');
  }
  const staff = isStaff(actor);
  if (!staff && input.nextUpdateAt !== undefined) throw forbidden('Only the desk promises update times');
  const changes: Parameters<typeof saveTicket>[2] = {};
  if (!internal && staff) {
    changes.next_update_at = input.nextUpdateAt === undefined ? null : assertPromise('nextUpdateAt', input.nextUpdateAt, now);
  }
  const answersWait = !staff && ticket.status === 'pending' && ticket.pending_reason === 'user';
  if (answersWait) Object.assign(changes, { status: 'in_progress', pending_reason: null });
  await saveTicket(tx, ticket, changes, now);
  const eventId = await appendEvent(tx, {
    ticketId: ticket.id,
    type: internal ? 'internal_note' : 'public_reply',
    visibility: internal ? 'internal' : 'public',
    actorId: actor.id,
    body: input.body,
    data: changes.next_update_at ? { nextUpdateAt: new Date(changes.next_update_at).toISOString() } : {},
    now,
  });
  if (answersWait) {
    await appendEvent(tx, {
      ticketId: ticket.id,
      type: 'status_changed',
      visibility: 'public',
      actorId: actor.id,
      data: { from: 'pending', to: 'in_progress', because: 'requester replied' },
      now,
    });
  }
  await indexTicketText(tx, { ticketId: ticket.id, visibility: internal ? 'internal' : 'public', text: input.body });
  if (!internal && actor.id === ticket.requester_id) {
    await notifyRequesterReplied(tx, { ...ticket, assigneeId: ticket.assignee_id }, input.body, { by: actor, eventId, now });
  }
  // eventId: the comment's event, for what arrives with it (mail attachments); same object, so its remembered SLA stays.
  const saved = Object.assign(await reloadTicket(tx, ticket.id), { eventId });
  // Only the desk's public words go to the requester; internal notes never leave the desk.
  if (!internal && staff && actor.id !== ticket.requester_id) {
    const reply = { kind: 'reply', body: input.body, authorName: actor.name, nextUpdateAt: changes.next_update_at ?? null } as const;
    await queueTicketMail(tx, ctx.mail, saved, reply, now);
  }
  return saved;
}
