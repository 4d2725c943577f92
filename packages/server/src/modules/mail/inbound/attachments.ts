import { createHash } from 'node:crypto';
import type { DroppedAttachment, InboundAttachment } from './types.js';
import { stripControls } from './text-cleaning.js';

/** Per-message attachment limits; over-limit attachments are dropped, not the message. */
export interface AttachmentLimits {
  maxCount: number;
  maxBytesEach: number;
  maxBytesTotal: number;
}

/** An attachment as it comes out of the MIME parser, before any of our rules. */
export interface RawAttachment {
  filename: string | undefined;
  contentType: string;
  content: Buffer;
  contentId: string | undefined;
  inline: boolean;
}

export const MAX_ATTACHMENT_NAME = 150;
const MAX_EXTENSION = 16;
const WINDOWS_RESERVED = /^(?:con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;
// Zero-width characters and the BOM hide text in a name just like bidi controls do.
const INVISIBLE = /[\u200b-\u200d\u2028\u2029\ufeff]/g;
const EXTENSIONS: Record<string, string> = {
  'application/pdf': 'pdf',
  'application/zip': 'zip',
  'application/json': 'json',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'text/plain': 'txt',
  'text/csv': 'csv',
  'text/calendar': 'ics',
  'text/html': 'html',
  'text/rfc822-headers': 'txt',
  'message/rfc822': 'eml',
  'message/delivery-status': 'txt',
};

/**
 * Turns a sender-chosen file name into one safe to show and to offer as a download:
 * no path parts, no control, bidi or invisible characters, no leading dots, no Windows
 * device names, at most 150 characters with the extension kept, never empty.
 */
export function normaliseAttachmentName(name: string | undefined, contentType: string): string {
  const lastSegment = (name ?? '').normalize('NFC').split(/[/\\]/).pop() ?? '';
  let clean = stripControls(lastSegment)
    .replace(INVISIBLE, '')
    .replace(/[<>:"|?*]/g, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s]+/, '')
    .replace(/[.\s]+$/, '');

  const dot = clean.lastIndexOf('.');
  let base = dot > 0 ? clean.slice(0, dot) : clean;
  let extension = dot > 0 ? clean.slice(dot + 1) : '';
  if (extension.length > MAX_EXTENSION || extension.length === 0) {
    base = clean;
    extension = '';
  }
  if (base.length === 0) return `attachment.${extensionFor(contentType)}`;
  if (WINDOWS_RESERVED.test(base.split('.')[0] ?? '')) base = `_${base}`;

  const suffix = extension ? `.${extension}` : '';
  const room = MAX_ATTACHMENT_NAME - Array.from(suffix).length;
  const chars = Array.from(base);
  if (chars.length > room) base = chars.slice(0, room).join('').replace(/[.\s]+$/, '');
  clean = `${base}${suffix}`;
  return clean.length > 0 && base.length > 0 ? clean : `attachment.${extensionFor(contentType)}`;
}

/** Hex sha256 of attachment bytes: the key for content-addressed storage. */
export function sha256Hex(content: Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

/**
 * Applies names, hashes and limits to a message's attachments in order: a part over the
 * single-file limit, past the count, or past the running total is recorded as dropped.
 */
export function prepareAttachments(
  raw: readonly RawAttachment[],
  limits: AttachmentLimits,
): { kept: InboundAttachment[]; dropped: DroppedAttachment[] } {
  const kept: InboundAttachment[] = [];
  const dropped: DroppedAttachment[] = [];
  let total = 0;
  for (const part of raw) {
    const contentType = normaliseContentType(part.contentType);
    const filename = normaliseAttachmentName(part.filename, contentType);
    const size = part.content.length;
    const reason =
      size > limits.maxBytesEach
        ? 'too-large'
        : kept.length >= limits.maxCount
          ? 'too-many'
          : total + size > limits.maxBytesTotal
            ? 'total-too-large'
            : null;
    if (reason !== null) {
      dropped.push({ filename, contentType, size, reason });
      continue;
    }
    total += size;
    kept.push({
      filename,
      originalFilename: part.filename ?? null,
      contentType,
      size,
      sha256: sha256Hex(part.content),
      contentId: part.contentId ? part.contentId.replace(/^<|>$/g, '').slice(0, 250) : null,
      inline: part.inline,
      content: part.content,
    });
  }
  return { kept, dropped };
}

// The declared type is only a label for the download; anything odd becomes octet-stream.
function normaliseContentType(value: string): string {
  const type = value.split(';')[0]?.trim().toLowerCase() ?? '';
  return /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/.test(type) && type.length <= 100
    ? type
    : 'application/octet-stream';
}

function extensionFor(contentType: string): string {
  return EXTENSIONS[normaliseContentType(contentType)] ?? 'bin';
}
