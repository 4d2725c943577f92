import type { Tx } from '../../db/connect.js';
import { insertAttachments } from './attachments-repo.js';

/** An attachment whose blob is already stored, as a row is made of it. */
export interface StoredAttachment {
  sha256: string;
  filename: string;
  originalFilename: string | null;
  contentType: string;
  size: number;
  inline: boolean;
  contentId: string | null;
}

/** Where the attachments belong: the timeline event decides who may download them. */
export interface AttachmentOwner {
  ticketId: number;
  eventId: number;
  mailMessageId: number | null;
  createdById: number | null;
  now: number;
}

/** Records attachments on a ticket event, in the caller's transaction; their blobs must be stored first. */
export async function recordAttachments(tx: Tx, owner: AttachmentOwner, attachments: readonly StoredAttachment[]): Promise<void> {
  await insertAttachments(
    tx,
    attachments.map((a) => ({
      ticket_id: owner.ticketId,
      event_id: owner.eventId,
      mail_message_id: owner.mailMessageId,
      sha256: a.sha256,
      filename: a.filename,
      original_filename: a.originalFilename,
      content_type: a.contentType,
      size: a.size,
      inline: a.inline ? 1 : 0,
      content_id: a.contentId,
      created_at: owner.now,
      created_by_id: owner.createdById,
    })),
  );
}
