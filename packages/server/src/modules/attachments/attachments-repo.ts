import type { Db, Tx } from '../../db/connect.js';
import type { AttachmentsTable } from '../../db/types.js';
import type { Insertable } from 'kysely';

type Q = Db | Tx;

export type NewAttachmentRow = Insertable<AttachmentsTable>;

export async function insertAttachments(tx: Tx, rows: readonly NewAttachmentRow[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.insertInto('attachments').values([...rows]).execute();
}

/** All of a ticket's attachments, in the order they were stored; callers keep those on events they may show. */
export async function listTicketAttachments(q: Q, ticketId: number) {
  return q
    .selectFrom('attachments')
    .select(['id', 'event_id', 'filename', 'content_type', 'size'])
    .where('ticket_id', '=', ticketId)
    .orderBy('id')
    .execute();
}

/** One attachment of one ticket, with the visibility of the event that carries it. */
export async function findTicketAttachment(q: Q, ticketId: number, attachmentId: number) {
  return q
    .selectFrom('attachments as a')
    .innerJoin('ticket_events as e', 'e.id', 'a.event_id')
    .selectAll('a')
    .select('e.visibility')
    .where('a.ticket_id', '=', ticketId)
    .where('a.id', '=', attachmentId)
    .executeTakeFirst();
}
