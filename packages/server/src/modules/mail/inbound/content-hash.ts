import { createHash } from 'node:crypto';

/** The fields that make two deliveries "the same message" when there is no Message-ID. */
export interface CanonicalFields {
  from: string | null;
  to: readonly string[];
  subject: string;
  /** The Date header as written, so a re-parse never changes the hash. */
  rawDate: string | null;
  body: string;
  /** sha256 of each attachment kept, in message order. */
  attachments: readonly string[];
}

/**
 * Hex sha256 of a canonical form of the message. Recipients are sorted and bodies have
 * line endings and trailing whitespace normalised, because relays re-fold and re-encode
 * the same message on a retry; fields are length-prefixed so no two inputs can collide
 * by shifting text from one field into the next.
 */
export function contentHash(fields: CanonicalFields): string {
  const parts = [
    fields.from ?? '',
    [...fields.to].sort().join(','),
    fields.subject,
    (fields.rawDate ?? '').trim(),
    fields.body.replace(/\r\n?/g, '\n').replace(/[ \t]+$/gm, '').trimEnd(),
    fields.attachments.join(','),
  ];
  const hash = createHash('sha256');
  for (const part of parts) {
    const bytes = Buffer.from(part, 'utf8');
    hash.update(`${bytes.length}:`);
    hash.update(bytes);
  }
  return hash.digest('hex');
}
