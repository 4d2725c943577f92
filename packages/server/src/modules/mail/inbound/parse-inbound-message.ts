import { Readable } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { simpleParser, type ParsedMail } from 'mailparser';
import { normaliseAddressList } from './addresses.js';
import { prepareAttachments, type AttachmentLimits } from './attachments.js';
import { contentHash } from './content-hash.js';
import { detectAutoReply } from './detect-auto-reply.js';
import { textFromSanitisedHtml } from './html-to-text.js';
import { scanMimeStructure } from './mime-structure.js';
import { extractMessageIds } from './message-ids.js';
import { PoisonMessageError } from './poison-message-error.js';
import { firstHeader, rawHeaderMap } from './raw-headers.js';
import { sanitiseHtml } from './sanitise-html.js';
import { cleanBodyText, cleanHeaderValue } from './text-cleaning.js';
import type { InboundMessage, ParseNote } from './types.js';

/** Bounds on one inbound message; a message past a structural bound is poison. */
export interface ParseLimits {
  maxBytes: number;
  maxDepth: number;
  maxParts: number;
  maxHeaderBytes: number;
  timeoutMs: number;
  maxSubjectLength: number;
  /** HTML beyond this many characters is cut before sanitising (noted, not fatal). */
  maxHtmlChars: number;
  attachments: AttachmentLimits;
}

export const DEFAULT_PARSE_LIMITS: ParseLimits = {
  maxBytes: 25 * 1024 * 1024,
  maxDepth: 20,
  maxParts: 500,
  maxHeaderBytes: 256 * 1024,
  timeoutMs: 10_000,
  maxSubjectLength: 500,
  maxHtmlChars: 2 * 1024 * 1024,
  attachments: { maxCount: 50, maxBytesEach: 20 * 1024 * 1024, maxBytesTotal: 25 * 1024 * 1024 },
};

export interface ParseOptions {
  limits?: Partial<ParseLimits>;
  /** Lets the caller give up early too (shutdown); the timeout applies either way. */
  signal?: AbortSignal;
}

// Fed in slices, one per event loop turn, so the timeout's timer can fire between them.
const CHUNK = 64 * 1024;

/**
 * Parses a raw RFC 5322 message under limits and a time bound into a normalised
 * InboundMessage; throws PoisonMessageError when the message itself is refused.
 */
export async function parseInboundMessage(raw: Buffer, options: ParseOptions = {}): Promise<InboundMessage> {
  const limits: ParseLimits = { ...DEFAULT_PARSE_LIMITS, ...options.limits };
  if (raw.length > limits.maxBytes) {
    throw new PoisonMessageError('too-large', `${raw.length} bytes is over ${limits.maxBytes}`);
  }
  const structure = scanMimeStructure(raw, limits);
  const parsed = await parseWithDeadline(raw, limits, options.signal);
  return normalise(raw, parsed, limits, structure.charsets);
}

async function parseWithDeadline(raw: Buffer, limits: ParseLimits, outer?: AbortSignal): Promise<ParsedMail> {
  const timeout = AbortSignal.timeout(limits.timeoutMs);
  const signal = outer ? AbortSignal.any([outer, timeout]) : timeout;
  if (signal.aborted) throw new PoisonMessageError('timeout', 'aborted before parsing');
  const source = Readable.from(slices(raw), { objectMode: false });
  let onAbort = (): void => undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => {
      source.destroy();
      reject(new PoisonMessageError('timeout', `not parsed within ${limits.timeoutMs} ms`));
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    const parsing = simpleParser(source, {
      skipHtmlToText: true,
      skipTextToHtml: true,
      skipImageLinks: true,
      keepCidLinks: true,
      checksumAlgo: false,
      // Forwarded messages stay attachments: parsing them would nest MIME trees the depth
      // scan does not see, and their content belongs to whoever forwarded it as a file.
      ignoreEmbedded: true,
      maxChildNodes: limits.maxParts,
      maxHeadSize: limits.maxHeaderBytes,
    });
    return await Promise.race([parsing, aborted]);
  } catch (error) {
    if (error instanceof PoisonMessageError) throw error;
    throw new PoisonMessageError('malformed', error instanceof Error ? error.message : String(error), { cause: error });
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

async function* slices(raw: Buffer): AsyncGenerator<Buffer> {
  for (let offset = 0; offset < raw.length; offset += CHUNK) {
    if (offset > 0) await nextTurn();
    yield raw.subarray(offset, offset + CHUNK);
  }
}

function normalise(raw: Buffer, parsed: ParsedMail, limits: ParseLimits, charsets: string[]): InboundMessage {
  const notes = new Set<ParseNote>();
  const headers = rawHeaderMap(parsed.headerLines);

  const fromList = normaliseAddressList(parsed.from);
  const from = fromList.addresses[0] ?? null;
  if (!parsed.from) notes.add('from-missing');
  else if (from === null) notes.add('from-invalid');
  const to = normaliseAddressList(parsed.to);
  const cc = normaliseAddressList(parsed.cc);
  const replyTo = normaliseAddressList(parsed.replyTo);
  if (to.rejected + cc.rejected + replyTo.rejected > 0) notes.add('addresses-dropped');

  const subject = cleanHeaderValue(parsed.subject ?? '', limits.maxSubjectLength);
  if (subject.truncated) notes.add('subject-truncated');

  const rawDate = firstHeader(headers, 'date');
  const time = rawDate === null ? Number.NaN : Date.parse(rawDate);
  if (rawDate !== null && Number.isNaN(time)) notes.add('date-invalid');

  let htmlBody: string | null = null;
  if (typeof parsed.html === 'string') {
    let html = parsed.html;
    if (html.length > limits.maxHtmlChars) {
      html = html.slice(0, limits.maxHtmlChars);
      notes.add('html-too-large');
    }
    htmlBody = sanitiseHtml(html).trim();
  }
  const textBody = cleanBodyText(
    parsed.text !== undefined && parsed.text.trim() !== '' ? parsed.text : htmlBody ? textFromSanitisedHtml(htmlBody) : '',
  );

  const { kept, dropped } = prepareAttachments(
    parsed.attachments.map((part) => ({
      filename: part.filename,
      contentType: part.contentType,
      content: part.content,
      contentId: part.cid,
      inline: part.related === true || part.contentDisposition === 'inline',
    })),
    limits.attachments,
  );

  const decoded = `${subject.value}${from?.name ?? ''}${textBody}`;
  if (decoded.includes('\ufffd') || charsets.some((charset) => !knownCharset(charset))) notes.add('charset-fallback');

  const messageId = extractMessageIds(firstHeader(headers, 'message-id'))[0] ?? null;
  const inReplyTo = extractMessageIds(firstHeader(headers, 'in-reply-to'))[0] ?? null;
  // Only the newest ancestors matter for threading; a huge References header is noise.
  const references = extractMessageIds((headers.get('references') ?? []).join(' ')).slice(-50);

  return {
    messageId,
    inReplyTo,
    references,
    from,
    to: to.addresses,
    cc: cc.addresses,
    subject: subject.value,
    date: Number.isNaN(time) ? null : new Date(time),
    textBody,
    htmlBody,
    attachments: kept,
    droppedAttachments: dropped,
    autoSubmitted: detectAutoReply({ headers, fromAddress: from?.address ?? null, subject: subject.value }),
    contentHash: contentHash({
      from: from?.address ?? null,
      to: to.addresses.map((entry) => entry.address),
      subject: subject.value,
      rawDate,
      body: textBody,
      attachments: kept.map((part) => part.sha256),
    }),
    headers: {
      autoSubmitted: firstHeader(headers, 'auto-submitted'),
      precedence: firstHeader(headers, 'precedence'),
      returnPath: firstHeader(headers, 'return-path'),
      listId: firstHeader(headers, 'list-id'),
      replyTo: replyTo.addresses,
      receivedCount: headers.get('received')?.length ?? 0,
    },
    notes: [...notes],
    size: raw.length,
  };
}

function knownCharset(label: string): boolean {
  try {
    new TextDecoder(label);
    return true;
  } catch {
    return false;
  }
}
