import type { Tx } from '../../db/connect.js';
import { enqueueNotification } from './enqueue-notification.js';

interface TicketRef {
  id: number;
  number: string;
  subject: string;
}

interface Cause {
  /** Who did it. */
  by: { id: number; name: string };
  /** The timeline event it made: the notification's source, so it is written once. */
  eventId: number;
  now: number;
}

/** Tells a person a ticket was handed to them; taking a ticket yourself tells nobody. */
export function notifyAssigned(tx: Tx, ticket: TicketRef, assigneeId: number, cause: Cause): Promise<number | null> {
  if (assigneeId === cause.by.id) return Promise.resolve(null);
  return enqueueNotification(tx, {
    recipientIds: [assigneeId],
    ticketId: ticket.id,
    kind: 'ticket.assigned',
    title: `${ticket.number} was assigned to you by ${cause.by.name}`,
    body: ticket.subject,
    sourceKey: `ticket-event:${cause.eventId}`,
    now: cause.now,
  });
}

/**
 * Tells the assignee that the requester answered. An unassigned ticket tells nobody:
 * its group sees it move in the queue, and a whole group's bells would only be noise.
 */
export function notifyRequesterReplied(
  tx: Tx,
  ticket: TicketRef & { assigneeId: number | null },
  text: string,
  cause: Cause,
): Promise<number | null> {
  if (ticket.assigneeId === null || ticket.assigneeId === cause.by.id) return Promise.resolve(null);
  return enqueueNotification(tx, {
    recipientIds: [ticket.assigneeId],
    ticketId: ticket.id,
    kind: 'ticket.requester_replied',
    title: `${cause.by.name} replied on ${ticket.number}`,
    body: text,
    sourceKey: `ticket-event:${cause.eventId}`,
    now: cause.now,
  });
}
