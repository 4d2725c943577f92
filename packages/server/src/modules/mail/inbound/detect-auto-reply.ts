import { firstHeader, type RawHeaders } from './raw-headers.js';

/** Whether a message was sent by a machine, and so must never be answered by one. */
export interface AutoReplyVerdict {
  automatic: boolean;
  kind: 'auto-reply' | 'bounce' | 'list' | 'none';
  /** Every signal seen; entries starting "weak:" never decide on their own. */
  reasons: string[];
}

/** What the classifier looks at: raw headers plus the already parsed sender and subject. */
export interface AutoReplyInput {
  headers: RawHeaders;
  fromAddress: string | null;
  subject: string;
}

const BOUNCE_SENDERS = new Set(['mailer-daemon', 'postmaster']);
// Only a hint: people write "out of office" in real requests ("my out of office is not
// working"), and auto-responders in other languages say anything, so the headers decide.
const AUTOMATIC_SUBJECT =
  /^\s*(?:out of (?:the )?office|automatic reply|auto(?:matic)?[- ]?reply|auto[- ]?response|abwesenheitsnotiz|absence|réponse automatique)\b/i;

/**
 * Classifies mail that must never trigger an automatic reply (RFC 3834 and the common
 * vendor headers): bounces first, then auto-replies, then mailing lists. The subject
 * is recorded as a weak signal only and never classifies a message by itself.
 */
export function detectAutoReply(input: AutoReplyInput): AutoReplyVerdict {
  const { headers } = input;
  const bounce: string[] = [];
  const auto: string[] = [];
  const list: string[] = [];

  const contentType = (firstHeader(headers, 'content-type') ?? '').toLowerCase();
  if (/^\s*multipart\/report\b/.test(contentType)) {
    if (/report-type\s*=\s*"?delivery-status/.test(contentType)) bounce.push('delivery status notification');
    else if (/report-type\s*=\s*"?disposition-notification/.test(contentType)) auto.push('read receipt');
    else auto.push('multipart/report');
  }
  if (headers.has('x-failed-recipients')) bounce.push('X-Failed-Recipients');
  const local = input.fromAddress?.split('@')[0] ?? '';
  if (BOUNCE_SENDERS.has(local)) bounce.push(`sender ${local}`);

  const returnPath = firstHeader(headers, 'return-path');
  if (returnPath !== null && /^<\s*>$/.test(returnPath.trim())) auto.push('empty Return-Path');

  const submitted = firstHeader(headers, 'auto-submitted');
  if (submitted !== null) {
    const value = submitted.split(';')[0]?.trim().toLowerCase() ?? '';
    if (value !== 'no') auto.push(`Auto-Submitted: ${value || '(empty)'}`);
  }
  for (const name of ['x-autoreply', 'x-autorespond', 'x-auto-response-suppress']) {
    const value = firstHeader(headers, name);
    if (value !== null && !/^(?:no|false|none)$/i.test(value.trim())) auto.push(name);
  }

  const precedence = firstHeader(headers, 'precedence')?.trim().toLowerCase() ?? null;
  if (precedence === 'bulk' || precedence === 'junk') auto.push(`Precedence: ${precedence}`);
  if (precedence === 'list') list.push('Precedence: list');
  if (headers.has('list-id')) list.push('List-Id');
  if (headers.has('list-unsubscribe')) list.push('List-Unsubscribe');

  const reasons = [...bounce, ...auto, ...list];
  if (AUTOMATIC_SUBJECT.test(input.subject)) reasons.push('weak: subject looks automatic');

  const kind = bounce.length > 0 ? 'bounce' : auto.length > 0 ? 'auto-reply' : list.length > 0 ? 'list' : 'none';
  return { automatic: kind !== 'none', kind, reasons };
}
