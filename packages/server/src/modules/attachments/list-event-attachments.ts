import type { EventAttachment } from '@deskside/shared';
import type { Db, Tx } from '../../db/connect.js';
import { listTicketAttachments } from './attachments-repo.js';

/** The attachments of the given events of one ticket, by event id, for the timeline. */
export async function listEventAttachments(q: Db | Tx, ticketId: number, eventIds: readonly number[]): Promise<Map<number, EventAttachment[]>> {
  const byEvent = new Map<number, EventAttachment[]>();
  const shown = new Set(eventIds);
  // One read by ticket rather than an IN list as long as the timeline.
  for (const row of await listTicketAttachments(q, ticketId)) {
    if (!shown.has(row.event_id)) continue;
    const list = byEvent.get(row.event_id) ?? [];
    list.push({ id: row.id, filename: row.filename, contentType: row.content_type, size: row.size });
    byEvent.set(row.event_id, list);
  }
  return byEvent;
}
