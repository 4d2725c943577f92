import type { Db } from '../../db/connect.js';
import { notFound } from '../../errors.js';
import { findTicketAttachment, type BlobStore } from '../attachments/index.js';
import type { Actor } from '../identity/index.js';
import { can } from './ticket-policy.js';
import { findTicketView } from './tickets-repo.js';

/**
 * One attachment of a ticket, opened for download, if the actor may read the event it came
 * with: a public event's files for whoever sees the ticket, an internal event's for the
 * desk. Anything else is "not found", exactly like an attachment that does not exist.
 */
export async function openAttachment(db: Db, store: BlobStore, actor: Actor, ticketRef: string | number, attachmentId: number) {
  const ticket = await findTicketView(db, ticketRef);
  if (!ticket || !can(actor, 'view', ticket)) throw notFound('attachment');
  const attachment = await findTicketAttachment(db, ticket.id, attachmentId);
  if (!attachment || (attachment.visibility !== 'public' && !can(actor, 'viewInternal', ticket))) throw notFound('attachment');
  const blob = await store.read(attachment.sha256);
  return { filename: attachment.filename, contentType: attachment.content_type, size: blob.size, stream: blob.stream };
}
