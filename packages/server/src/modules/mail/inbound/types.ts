import type { AutoReplyVerdict } from './detect-auto-reply.js';

/** One mailbox of an address header, address lowercased and checked. */
export interface InboundAddress {
  address: string;
  name: string;
}

/** An attachment kept after normalisation and limits; the bytes stay in memory until storage. */
export interface InboundAttachment {
  /** The normalised, safe file name. */
  filename: string;
  /** The name the sender gave, kept verbatim for the audit trail only; never used as a path. */
  originalFilename: string | null;
  contentType: string;
  size: number;
  /** Hex sha256 of the content: the content address for storage. */
  sha256: string;
  /** Content-ID without brackets when the part is referenced from HTML as `cid:`. */
  contentId: string | null;
  inline: boolean;
  content: Buffer;
}

/** An attachment left out of the message, with the reason an agent can be shown. */
export interface DroppedAttachment {
  filename: string;
  contentType: string;
  size: number;
  reason: 'too-large' | 'too-many' | 'total-too-large';
}

/** Something the parser had to work around; the message is still usable. */
export type ParseNote =
  | 'charset-fallback'
  | 'subject-truncated'
  | 'html-too-large'
  | 'date-invalid'
  | 'from-missing'
  | 'from-invalid'
  | 'addresses-dropped';

/** The headers later steps need (loop caps, reply routing, audit), decoded and bounded. */
export interface InboundHeaders {
  autoSubmitted: string | null;
  precedence: string | null;
  returnPath: string | null;
  listId: string | null;
  replyTo: InboundAddress[];
  /** Raw `Received` count: a cheap hop counter against mail loops between servers. */
  receivedCount: number;
}

/** A parsed, normalised inbound message: everything ingest needs, nothing it must re-parse. */
export interface InboundMessage {
  /** Message-ID without angle brackets, or null when missing or unusable. */
  messageId: string | null;
  inReplyTo: string | null;
  references: string[];
  /** Null when the message has no usable sender (it can still be quarantined and shown). */
  from: InboundAddress | null;
  to: InboundAddress[];
  cc: InboundAddress[];
  subject: string;
  /** From the Date header; null when missing or unparseable (never "now"). */
  date: Date | null;
  textBody: string;
  /** Sanitised HTML, or null when the message had no HTML part. */
  htmlBody: string | null;
  attachments: InboundAttachment[];
  droppedAttachments: DroppedAttachment[];
  autoSubmitted: AutoReplyVerdict;
  /** Hex sha256 of the canonical form, see content-hash.ts. */
  contentHash: string;
  headers: InboundHeaders;
  notes: ParseNote[];
  /** Size of the raw message in bytes. */
  size: number;
}
