import { randomBytes } from 'node:crypto';
import type { Tx } from '../../../db/connect.js';
import { enqueueJob } from '../../../jobs/enqueue-job.js';
import { renderHtml, renderText } from './mail-body.js';
import { countAutomaticMailTo, findRecipient, insertMailMessage, threadEnds } from './mail-messages-repo.js';
import { NOT_SENDING, type MailOrigin } from './mail-origin.js';
import { replyAddressFor } from './reply-address.js';
import { sendMailJob } from './send-mail-job.js';
import { readMailTemplates } from './mail-templates-repo.js';
import { composeFromTemplate, composeTicketMail, type MailTicket, type TicketMailEvent } from './ticket-mail-templates.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** References kept on a message: the thread's first and its latest few are what clients thread by. */
const MAX_REFERENCES = 10;

/**
 * Queues a mail to the ticket's requester in the caller's transaction (the outbox): the
 * message row, with its Message-ID and threading fixed now, and the `mail.send` job exist
 * only if the ticket change commits. Keyed by the ticket's version after the change, so a
 * second call for the same write queues nothing. A requester with no usable address is
 * recorded as skipped, and so is every message while the desk has no SMTP server, and an
 * automatic one past the recipient's daily cap (a loop an auto-reply filter missed stops there). Without an origin (the demo desk's stories) nothing is queued.
 */
export async function queueTicketMail(
  tx: Tx,
  origin: MailOrigin | undefined,
  ticket: MailTicket,
  event: TicketMailEvent,
  now: number,
): Promise<number | null> {
  if (!origin) return null;
  const recipient = await findRecipient(tx, ticket.requester_id);
  if (!recipient) return null;
  const override = (await readMailTemplates(tx))[event.kind];
  const composed = override
    ? composeFromTemplate(origin, ticket, recipient.name, event, override)
    : composeTicketMail(origin, ticket, recipient.name, event);
  const thread = await threadEnds(tx, ticket.id);
  const references = thread ? trimReferences([...splitIds(thread.latest.references), thread.latest.message_id], thread.first.message_id) : [];
  const hasAddress = recipient.email.includes('@');
  const skipReason = !hasAddress
    ? 'the requester has no e-mail address'
    : recipient.disabled_at !== null
      ? 'the requester is deactivated'
      : !origin.sending
        ? NOT_SENDING
        : composed.autoSubmitted !== 'no' && (await countAutomaticMailTo(tx, recipient.id, now - DAY_MS)) >= origin.dailyAutoCap
          ? `${origin.dailyAutoCap} automatic mails to this address in 24 hours: more would feed a mail loop, so this one is not sent`
          : null;
  const sourceKey = `ticket:${ticket.id}:v${ticket.version}:${event.kind}`;
  const mailId = await insertMailMessage(tx, {
    direction: 'out',
    ticket_id: ticket.id,
    person_id: recipient.id,
    message_id: `${ticket.number.toLowerCase()}.${randomBytes(10).toString('hex')}@${origin.domain}`,
    in_reply_to: thread?.latest.message_id ?? null,
    references: references.length > 0 ? references.join(' ') : null,
    from_address: origin.from,
    to_address: hasAddress ? formatAddress(recipient.name, recipient.email) : null,
    reply_to: await replyAddressFor(tx, ticket, origin.domain, now),
    subject: oneLine(composed.subject),
    body_text: renderText(composed.blocks),
    body_html: renderHtml(composed.blocks),
    kind: event.kind,
    auto_submitted: composed.autoSubmitted,
    status: skipReason ? 'skipped' : 'queued',
    source_key: sourceKey,
    created_at: now,
    sent_at: null,
    last_error: skipReason,
  });
  if (mailId === null || skipReason) return null;
  await enqueueJob(tx, { kind: sendMailJob, payload: { mailId }, dedupeKey: `mail:${sourceKey}`, now });
  return mailId;
}

function splitIds(references: string | null): string[] {
  return references ? references.split(' ').filter(Boolean) : [];
}

/** Keeps the thread's first id and the newest ones (RFC 5322 §3.6.4 allows trimming the middle). */
function trimReferences(ids: string[], first: string): string[] {
  const unique = [...new Set([first, ...ids])];
  return unique.length <= MAX_REFERENCES ? unique : [first, ...unique.slice(-(MAX_REFERENCES - 1))];
}

/** Header values must stay on one line whatever a subject holds. */
function oneLine(text: string): string {
  return text.replace(/[\r\n\t\u0000-\u001f\u007f]+/g, ' ').slice(0, 990);
}

/** A display name is quoted, so commas or angle brackets in a name cannot add recipients. */
function formatAddress(name: string, email: string): string {
  const safe = oneLine(name).replace(/["\\]/g, '');
  return `"${safe}" <${email}>`;
}
