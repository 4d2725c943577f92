import type { Db } from '../../db/connect.js';
import { notFound } from '../../errors.js';
import { listEventAttachments } from '../attachments/index.js';
import type { Actor } from '../identity/index.js';
import { listEvents } from './events-repo.js';
import { presentEvent } from './present-ticket.js';
import { can } from './ticket-policy.js';
import { findTicketView } from './tickets-repo.js';

/** The ticket's timeline as the actor may read it: requesters never see internal events. */
export async function getTimeline(db: Db, actor: Actor, ref: string | number) {
  const ticket = await findTicketView(db, ref);
  if (!ticket || !can(actor, 'view', ticket)) throw notFound();
  const rows = await listEvents(db, ticket.id, can(actor, 'viewInternal', ticket));
  // Only the events this actor may read are asked for, so an internal event's files stay internal.
  const files = await listEventAttachments(db, ticket.id, rows.map((r) => r.id));
  return rows.map((row) => {
    const event = presentEvent(row);
    const attachments = files.get(row.id);
    return attachments ? { ...event, attachments } : event;
  });
}
