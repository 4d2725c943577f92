import type { Db, Tx } from '../../../db/connect.js';
import { retryLostRaces } from '../../../db/db-errors.js';
import type { UserRow } from '../../../db/types.js';
import { storeAttachmentBlobs, type BlobStore } from '../../attachments/index.js';
import { createUser, findUserByEmail, groupIdsOf, isStaff, type Actor } from '../../identity/index.js';
import { addComment, appendEvent, can, createTicket, findTicketView } from '../../tickets/index.js';
import {
  compareRepeat,
  dedupeKey,
  foldQuoted,
  isPoisonMessageError,
  parseInboundMessage,
  resolveThread,
  type InboundMessage,
  type ParseLimits,
} from '../inbound/index.js';
import type { MailOrigin } from '../outbound/mail-origin.js';
import { fileAttachments } from './file-attachments.js';
import { claimHeldMessage, findMessageByKey, insertInboundMessage, quarantineMessage, settleInboundMessage, threadLookupsIn } from './inbound-repo.js';

/** What became of one delivered message; every outcome means "accepted, do not retry". */
export type IngestOutcome =
  | { outcome: 'created'; ticketId: number }
  | { outcome: 'replied'; ticketId: number }
  | { outcome: 'duplicate' }
  | { outcome: 'ignored'; reason: string }
  | { outcome: 'quarantined'; reason: string };

export interface IngestDeps {
  db: Db;
  now: () => number;
  /** The desk's own addresses, e.g. support@<domain>; plus-addresses hang off these. */
  mailboxAddresses: readonly string[];
  /** Passed on to the ticket use cases, so a desk reply written by mail reaches the requester. */
  mail?: MailOrigin;
  limits?: Partial<ParseLimits>;
  /**
   * Where attachment bytes go (decision 0026), written before the transaction that names
   * them: pass blobStoreFor(config). Without one, a message with attachments is refused
   * (the sender retries) rather than filed without its files.
   */
  blobs?: BlobStore;
}

export interface IngestOptions {
  /** An admin's re-run from quarantine: a held copy of these very bytes is filed again instead of counting as a duplicate. */
  refileHeld?: boolean;
}

const MAX_SUBJECT = 200;
const MAX_DESCRIPTION = 20_000;

/**
 * Files one inbound message exactly once: poison and conflicts go to quarantine, a
 * repeat is a duplicate, a participant's reply becomes a public comment, anything else a
 * new ticket (linked to a ticket it names when the sender is not part of it). The row in
 * mail_messages and the ticket change commit together, so a crash before commit leaves
 * nothing and the sender's retry files it; a throw means "try again later".
 */
export async function ingestInboundMessage(deps: IngestDeps, mailbox: string, raw: Buffer, options: IngestOptions = {}): Promise<IngestOutcome> {
  let message: InboundMessage;
  try {
    message = await parseInboundMessage(raw, { limits: deps.limits });
  } catch (error) {
    if (!isPoisonMessageError(error)) throw error;
    const reason = `poison: ${error.message}`;
    await quarantineMessage(deps.db, { mailbox, dedupeKey: null, reason, raw, now: deps.now() });
    return { outcome: 'quarantined', reason };
  }
  const derived = dedupeKey(mailbox, message).key;
  // mail_messages.message_id holds 500 characters; a longer Message-ID is keyed by content instead.
  const key = derived.length <= 500 ? derived : `sha256:${message.contentHash}`;
  // Durable before the rows that name them can commit; a failure throws (the sender retries), and
  // blobs of a message that ends up duplicate, ignored or held are orphans for a future sweep.
  if (message.attachments.length > 0) {
    if (!deps.blobs) throw new Error('inbound mail with attachments needs a blob store (IngestDeps.blobs)');
    await storeAttachmentBlobs(deps.blobs, message.attachments);
  }
  // A race with a concurrent delivery (the same sender's first two mails, two replies to one
  // ticket, the same message twice) is settled by running again, not by a 451 the sender
  // would retry only minutes later.
  return retryLostRaces(() => deps.db.transaction().execute(async (tx) => {
    const now = deps.now();
    const stored = await findMessageByKey(tx, key);
    if (stored) {
      const verdict = stored.direction === 'in' && stored.content_hash !== null ? compareRepeat(stored.content_hash, message.contentHash) : 'conflict';
      if (verdict === 'duplicate' && options.refileHeld && stored.status === 'held' && (await claimHeldMessage(tx, stored.id))) {
        const filed = await file(tx, deps, mailbox, raw, key, message, now, stored.id);
        await settleInboundMessage(tx, stored.id, filed.row);
        return filed.result;
      }
      if (verdict === 'duplicate') return { outcome: 'duplicate' } as const;
      const reason = stored.direction === 'in' ? 'conflict: same Message-ID, other content' : 'conflict: Message-ID of a message the desk sent';
      await quarantineMessage(tx, { mailbox, dedupeKey: key, reason, raw, now });
      return { outcome: 'quarantined', reason } as const;
    }
    // Written first: a concurrent delivery of the same message now waits on, then fails at, this key.
    const rowId = await insertInboundMessage(tx, inboundRow(mailbox, key, message, now));
    const filed = await file(tx, deps, mailbox, raw, key, message, now, rowId);
    await settleInboundMessage(tx, rowId, filed.row);
    return filed.result;
  }));
}

type Filed = { result: IngestOutcome; row: { ticket_id: number | null; person_id: number | null; status: string; last_error: string | null } };

async function file(tx: Tx, deps: IngestDeps, mailbox: string, raw: Buffer, key: string, message: InboundMessage, now: number, rowId: number): Promise<Filed> {
  const hold = async (reason: string): Promise<Filed> => {
    await quarantineMessage(tx, { mailbox, dedupeKey: key, reason, raw, now });
    return { result: { outcome: 'quarantined', reason }, row: { ticket_id: null, person_id: null, status: 'held', last_error: reason } };
  };
  const decision = await resolveThread(message, threadLookupsIn(tx), { mailboxAddresses: deps.mailboxAddresses });
  if (decision.kind === 'hold') return hold(decision.reason);
  const senderAddress = message.from!.address;
  const known = await findUserByEmail(tx, senderAddress);
  // Machines never write to tickets and never get an answer: no ticket, no comment, no mail.
  if (message.autoSubmitted.automatic) {
    const reason = `automatic mail (${message.autoSubmitted.kind}): recorded, not filed`;
    return { result: { outcome: 'ignored', reason }, row: { ticket_id: null, person_id: known?.id ?? null, status: 'ignored', last_error: reason } };
  }
  if (known?.disabled_at != null) return hold('the sender is deactivated');
  const text = foldQuoted(message.textBody).reply.trim() || message.textBody.trim();

  // A mail that names another ticket it may not join: opened as a new ticket, linked by an internal note.
  let related: { ticketId: number; why: 'not a participant' | 'closed' } | null =
    decision.kind === 'linked-new' ? { ticketId: decision.relatedTicketId, why: 'not a participant' } : null;
  if (decision.kind === 'reply') {
    const actor = await actorOf(tx, known!);
    const ticket = await findTicketView(tx, decision.ticketId);
    if (!ticket || !can(actor, 'reply', ticket)) return hold(`the sender may not reply on ticket ${decision.ticketId}`);
    // A closed ticket's conversation is over: the requester's new words start a follow-up
    // instead of landing unseen on a ticket nobody watches. Staff may still add to it.
    if (ticket.status === 'closed' && !isStaff(actor)) {
      related = { ticketId: ticket.id, why: 'closed' };
    } else {
      const comment = await addComment({ tx, actor, now, mail: deps.mail }, ticket, { visibility: 'public', body: bounded(text, MAX_DESCRIPTION, '(empty message)') });
      await fileAttachments(tx, message, { ticketId: ticket.id, eventId: comment.eventId, mailMessageId: rowId, createdById: actor.id, now }, deps.limits);
      return { result: { outcome: 'replied', ticketId: ticket.id }, row: { ticket_id: ticket.id, person_id: actor.id, status: 'comment-added', last_error: null } };
    }
  }

  const person = known ?? (await createUser(tx, { email: senderAddress, name: nameOf(message.from!), role: 'requester', now }));
  const actor = await actorOf(tx, person);
  const ticket = await createTicket(
    { tx, actor, now, mail: deps.mail },
    {
      type: 'incident',
      subject: bounded(message.subject, MAX_SUBJECT, '(no subject)'),
      description: bounded(text, MAX_DESCRIPTION, '(empty message)'),
      impact: 3,
      urgency: 3,
      channel: 'email',
    },
  );
  await fileAttachments(tx, message, { ticketId: ticket.id, eventId: ticket.eventId, mailMessageId: rowId, createdById: person.id, now }, deps.limits);
  if (related) {
    const other = await findTicketView(tx, related.ticketId);
    const number = other?.number ?? `ticket ${related.ticketId}`;
    // Internal: a sender who is not part of that ticket must not learn more of it.
    await appendEvent(tx, {
      ticketId: ticket.id,
      type: 'internal_note',
      visibility: 'internal',
      actorId: null,
      body:
        related.why === 'closed'
          ? `This mail answers ${number}, which is closed, so it opened this follow-up ticket.`
          : `This mail names ${number}, but its sender is not a participant there, so it opened this ticket instead.`,
      data: { relatedTicketId: related.ticketId },
      now,
    });
  }
  return { result: { outcome: 'created', ticketId: ticket.id }, row: { ticket_id: ticket.id, person_id: person.id, status: 'ticket-created', last_error: null } };
}

async function actorOf(tx: Tx, user: UserRow): Promise<Actor> {
  return { id: user.id, name: user.name, email: user.email, role: user.role, groupIds: await groupIdsOf(tx, user.id), scopes: null };
}

function nameOf(from: { address: string; name: string }): string {
  return bounded(from.name, 200, from.address.split('@')[0] ?? from.address);
}

function bounded(value: string, max: number, fallback: string): string {
  const trimmed = value.trim();
  return trimmed === '' ? fallback : trimmed.slice(0, max);
}

function inboundRow(mailbox: string, key: string, message: InboundMessage, now: number) {
  const cap = (value: string, max: number) => value.slice(0, max);
  return {
    direction: 'in' as const,
    ticket_id: null,
    person_id: null,
    message_id: key,
    in_reply_to: message.inReplyTo ? cap(message.inReplyTo, 500) : null,
    references: message.references.length > 0 ? message.references.join(' ') : null,
    from_address: message.from ? cap(message.from.address, 500) : null,
    to_address: cap([...message.to, ...message.cc].map((a) => a.address).join(', '), 500) || null,
    reply_to: message.headers.replyTo[0] ? cap(message.headers.replyTo[0].address, 500) : null,
    subject: cap(message.subject, 1000),
    body_text: message.textBody,
    body_html: message.htmlBody,
    kind: 'inbound',
    auto_submitted: message.autoSubmitted.automatic ? message.autoSubmitted.kind : 'no',
    status: 'received',
    source_key: null,
    created_at: now,
    sent_at: null,
    last_error: null,
    mailbox,
    content_hash: message.contentHash,
  };
}
