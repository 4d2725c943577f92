import type { Tx } from '../../../db/connect.js';
import { recordAttachments, type AttachmentOwner } from '../../attachments/index.js';
import { appendEvent } from '../../tickets/index.js';
import { DEFAULT_PARSE_LIMITS, type DroppedAttachment, type InboundMessage, type ParseLimits } from '../inbound/index.js';

/**
 * Hangs a filed message's kept attachments (their blobs already stored) on the event ingest
 * wrote, and tells the desk in an internal note which ones were left out and why: the
 * sender believes they sent them.
 */
export async function fileAttachments(tx: Tx, message: InboundMessage, owner: AttachmentOwner, limits: Partial<ParseLimits> = {}): Promise<void> {
  await recordAttachments(tx, owner, message.attachments);
  if (message.droppedAttachments.length === 0) return;
  const bounds = { ...DEFAULT_PARSE_LIMITS, ...limits }.attachments;
  const lines = message.droppedAttachments.map((d) => `${d.filename} (${humanSize(d.size)}) was not kept: ${why(d, bounds)}.`);
  await appendEvent(tx, {
    ticketId: owner.ticketId,
    type: 'internal_note',
    visibility: 'internal',
    actorId: null,
    body: lines.join('\n'),
    data: { droppedAttachments: message.droppedAttachments.map(({ filename, contentType, size, reason }) => ({ filename, contentType, size, reason })) },
    now: owner.now,
  });
}

function why(d: DroppedAttachment, bounds: ParseLimits['attachments']): string {
  switch (d.reason) {
    case 'too-large':
      return `over the ${humanSize(bounds.maxBytesEach)} limit for one file`;
    case 'too-many':
      return `past the limit of ${bounds.maxCount} files per mail`;
    case 'total-too-large':
      return `the mail's files together would pass the ${humanSize(bounds.maxBytesTotal)} limit`;
  }
}

function humanSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${Math.round(bytes / (1024 * 1024))} MB`;
}
