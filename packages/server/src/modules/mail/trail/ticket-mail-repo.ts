import type { Db } from '../../../db/connect.js';

/** The ticket's mail in the order it happened; bodies stay behind except the HTML, which the list only counts images in. */
export function listMailOfTicket(db: Db, ticketId: number) {
  return db
    .selectFrom('mail_messages')
    .select(['id', 'direction', 'from_address', 'to_address', 'subject', 'created_at', 'sent_at', 'status', 'kind', 'auto_submitted', 'last_error', 'body_html'])
    .where('ticket_id', '=', ticketId)
    .orderBy('id', 'asc')
    .limit(500)
    .execute();
}

/** One message of one ticket; another ticket's message id answers nothing. */
export function findMailOfTicket(db: Db, ticketId: number, mailId: number) {
  return db
    .selectFrom('mail_messages')
    .select(['id', 'direction', 'subject', 'from_address', 'body_text', 'body_html'])
    .where('ticket_id', '=', ticketId)
    .where('id', '=', mailId)
    .executeTakeFirst();
}
