/**
 * Inbound mail core: pure functions over bytes and data, no database, no network.
 *
 * The pipeline a transport (SMTP listener, IMAP poller) runs for each raw message:
 *
 * 1. `parseInboundMessage(raw)` refuses oversized, too deep, too wide or too slow
 *    messages with a `PoisonMessageError` (the caller counts attempts and quarantines),
 *    and otherwise returns an `InboundMessage`: addresses checked and lowercased,
 *    subject decoded and bounded, HTML sanitised (`sanitiseHtml`), text preferred,
 *    attachments named, hashed and limited, the auto-reply verdict and a content hash.
 * 2. `dedupeKey(mailbox, message)` gives the exactly-once key; when a row with that key
 *    exists, `compareRepeat(stored, incoming)` says duplicate (do nothing) or conflict
 *    (quarantine).
 * 3. `resolveThread(message, lookups, context)` decides reply, new, linked-new or hold,
 *    reading the desk only through the lookups it is given.
 * 4. `foldQuoted(textBody)` separates the new words from quoted history for display.
 * 5. `message.autoSubmitted.automatic` tells later steps never to answer automatically.
 *
 * Nothing here writes: storage of attachments and the ticket use cases come after.
 */
export { parseInboundMessage, DEFAULT_PARSE_LIMITS, type ParseLimits, type ParseOptions } from './parse-inbound-message.js';
export { PoisonMessageError, isPoisonMessageError, type PoisonReason } from './poison-message-error.js';
export { sanitiseHtml, REMOTE_IMAGE_CLASS } from './sanitise-html.js';
export { textFromSanitisedHtml } from './html-to-text.js';
export { detectAutoReply, type AutoReplyInput, type AutoReplyVerdict } from './detect-auto-reply.js';
export {
  normaliseAttachmentName,
  prepareAttachments,
  sha256Hex,
  MAX_ATTACHMENT_NAME,
  type AttachmentLimits,
  type RawAttachment,
} from './attachments.js';
export { foldQuoted, type FoldedText } from './fold-quoted.js';
export {
  resolveThread,
  type ThreadContext,
  type ThreadDecision,
  type ThreadLookups,
  type ThreadMessage,
} from './resolve-thread.js';
export { dedupeKey, compareRepeat, type DedupeKey, type RepeatVerdict } from './exactly-once.js';
export { contentHash, type CanonicalFields } from './content-hash.js';
export { normaliseAddress } from './addresses.js';
export { rawHeaderMap, type RawHeaders } from './raw-headers.js';
export type {
  DroppedAttachment,
  InboundAddress,
  InboundAttachment,
  InboundHeaders,
  InboundMessage,
  ParseNote,
} from './types.js';
