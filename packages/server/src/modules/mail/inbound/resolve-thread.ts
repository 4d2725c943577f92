import type { InboundAddress } from './types.js';

type Maybe<T> = T | Promise<T>;

/** What the threading decision may ask the desk; each lookup is a read, nothing more. */
export interface ThreadLookups {
  /** The ticket a Message-ID Deskside has received or sent belongs to. */
  ticketByMessageId(messageId: string): Maybe<number | null>;
  /** The ticket a per-ticket reply token was issued for. */
  ticketByReplyToken(token: string): Maybe<number | null>;
  /** The ticket a human number (INC-000123) names. */
  ticketByNumber(number: string): Maybe<number | null>;
  /** Lowercased addresses of the ticket's requester, watchers and staff. */
  participantsOf(ticketId: number): Maybe<readonly string[]>;
  /** Whether a Message-ID is one of the desk's notices to its own staff (an SLA warning). */
  isStaffNotice?(messageId: string): Maybe<boolean>;
}

export interface ThreadContext {
  /** The desk's own mailbox addresses (support@example.com); plus-addresses hang off these. */
  mailboxAddresses: readonly string[];
  /** Ticket number prefixes recognised in subjects. */
  numberPrefixes?: readonly string[];
  /** What a non-participant's reply to a known ticket becomes; see the module comment. */
  nonParticipant?: 'linked-new' | 'hold';
}

/** The part of an InboundMessage threading reads. */
export interface ThreadMessage {
  from: InboundAddress | null;
  to: readonly InboundAddress[];
  cc: readonly InboundAddress[];
  subject: string;
  inReplyTo: string | null;
  references: readonly string[];
}

export type ThreadDecision =
  | { kind: 'reply'; ticketId: number; via: 'in-reply-to' | 'references' | 'reply-token' | 'subject-number' }
  | { kind: 'new' }
  | { kind: 'linked-new'; relatedTicketId: number; reason: 'not a participant' }
  | { kind: 'hold'; reason: string };

const TOKEN = /^[a-z0-9_-]{8,64}$/;

/**
 * Decides where an inbound message belongs: by In-Reply-To/References, then the
 * plus-address token, then the ticket number in the subject. The sender's address is a
 * claim, not a verification: a match only ever makes the message a reply when the
 * sender already takes part in that ticket, so knowing a Message-ID, a reply address or
 * a ticket number never lets anyone read or join a ticket ("the ticket trick"). Others
 * get a new ticket linked to it (or a hold), and the decision never grants any rights.
 */
export async function resolveThread(
  message: ThreadMessage,
  lookups: ThreadLookups,
  context: ThreadContext,
): Promise<ThreadDecision> {
  const ours = new Set(context.mailboxAddresses.map((address) => address.toLowerCase()));
  const sender = message.from?.address ?? null;
  if (sender === null) return { kind: 'hold', reason: 'no usable sender address' };
  if (ours.has(sender) || plusBase(sender, ours) !== null) {
    return { kind: 'hold', reason: 'sent from a desk address (possible mail loop)' };
  }

  // An agent answering an SLA warning writes to the desk, not to the requester.
  if (lookups.isStaffNotice) {
    for (const id of [message.inReplyTo, ...message.references]) {
      if (id !== null && (await lookups.isStaffNotice(id))) return { kind: 'hold', reason: 'a reply to a staff notice: answer on the desk instead' };
    }
  }

  const byHeaders = await matchByHeaders(message, lookups);
  const byToken = await matchByToken(message, lookups, ours);
  if (byHeaders && byToken && byHeaders.ticketId !== byToken.ticketId) {
    return { kind: 'hold', reason: 'headers and reply address point at different tickets' };
  }
  const match = byHeaders ?? byToken;
  if (match) return decideForParticipant(match, sender, lookups, context);

  const numbered = await matchBySubject(message.subject, lookups, context.numberPrefixes ?? ['INC', 'REQ']);
  if (numbered === null) return { kind: 'new' };
  const participants = await lookups.participantsOf(numbered);
  if (participants.some((address) => address.toLowerCase() === sender)) {
    return { kind: 'reply', ticketId: numbered, via: 'subject-number' };
  }
  // A number in a subject is public knowledge, so a stranger's mail never joins by it.
  return { kind: 'linked-new', relatedTicketId: numbered, reason: 'not a participant' };
}

type Match = { ticketId: number; via: 'in-reply-to' | 'references' | 'reply-token' };

async function decideForParticipant(
  match: Match,
  sender: string,
  lookups: ThreadLookups,
  context: ThreadContext,
): Promise<ThreadDecision> {
  const participants = await lookups.participantsOf(match.ticketId);
  if (participants.some((address) => address.toLowerCase() === sender)) return { kind: 'reply', ...match };
  if (context.nonParticipant === 'hold') {
    return { kind: 'hold', reason: `not a participant of ticket ${match.ticketId}` };
  }
  return { kind: 'linked-new', relatedTicketId: match.ticketId, reason: 'not a participant' };
}

async function matchByHeaders(message: ThreadMessage, lookups: ThreadLookups): Promise<Match | null> {
  if (message.inReplyTo !== null) {
    const ticketId = await lookups.ticketByMessageId(message.inReplyTo);
    if (ticketId !== null) return { ticketId, via: 'in-reply-to' };
  }
  // Newest first: the last reference is the message being answered.
  const seen = new Set([message.inReplyTo]);
  for (const reference of [...message.references].reverse()) {
    if (seen.has(reference)) continue;
    seen.add(reference);
    const ticketId = await lookups.ticketByMessageId(reference);
    if (ticketId !== null) return { ticketId, via: 'references' };
  }
  return null;
}

async function matchByToken(message: ThreadMessage, lookups: ThreadLookups, ours: Set<string>): Promise<Match | null> {
  for (const recipient of [...message.to, ...message.cc]) {
    const token = plusBase(recipient.address, ours);
    if (token === null || !TOKEN.test(token)) continue;
    const ticketId = await lookups.ticketByReplyToken(token);
    if (ticketId !== null) return { ticketId, via: 'reply-token' };
  }
  return null;
}

// "support+abc123@example.com" with support@example.com ours gives "abc123".
function plusBase(address: string, ours: Set<string>): string | null {
  const at = address.lastIndexOf('@');
  const plus = address.indexOf('+');
  if (at < 0 || plus < 0 || plus > at) return null;
  const base = `${address.slice(0, plus)}${address.slice(at)}`;
  return ours.has(base) ? address.slice(plus + 1, at) : null;
}

async function matchBySubject(
  subject: string,
  lookups: ThreadLookups,
  prefixes: readonly string[],
): Promise<number | null> {
  const alternatives = prefixes.map((prefix) => prefix.replace(/[^A-Za-z]/g, '')).filter(Boolean).join('|');
  if (alternatives === '') return null;
  const pattern = new RegExp(`(?:^|[^A-Za-z0-9-])((?:${alternatives})-\\d{1,12})(?![A-Za-z0-9])`, 'gi');
  for (const match of subject.matchAll(pattern)) {
    const ticketId = await lookups.ticketByNumber((match[1] ?? '').toUpperCase());
    if (ticketId !== null) return ticketId;
  }
  return null;
}
