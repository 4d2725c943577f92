import { randomBytes } from 'node:crypto';
import type { Tx } from '../../../db/connect.js';
import { enqueueJob } from '../../../jobs/enqueue-job.js';
import { renderHtml, renderText, type MailBlock } from './mail-body.js';
import { findRecipient, insertMailMessage } from './mail-messages-repo.js';
import { NOT_SENDING, type MailOrigin } from './mail-origin.js';
import { sendMailJob } from './send-mail-job.js';

/** A notice for a member of staff about a ticket (an SLA warning, a breach), already worded for the bell. */
export interface StaffNotice {
  personId: number;
  ticket: { number: string; subject: string };
  title: string;
  /** Unique per person and cause: the notification's own id, so a repeated job queues nothing. */
  sourceKey: string;
}

/** The kind staff notices are recorded with; threading refuses replies to them (decision 0027 amended). */
export const STAFF_NOTICE_KIND = 'staff_notice';

/**
 * Queues an e-mail copy of a staff notification in the caller's transaction. It is kept
 * off the ticket's own thread on purpose (no ticket id, no In-Reply-To): its Message-ID
 * must never join the requester's References, and an agent's reply to it must not land on
 * the ticket as a public answer (threading holds such replies). Not capped per day like
 * mail to requesters: these go to the desk's own people, and the bell has them anyway.
 */
export async function queueStaffNotice(tx: Tx, origin: MailOrigin, notice: StaffNotice, now: number): Promise<number | null> {
  const recipient = await findRecipient(tx, notice.personId);
  if (!recipient || recipient.disabled_at !== null) return null;
  const hasAddress = recipient.email.includes('@');
  const skipReason = !hasAddress ? 'no e-mail address' : !origin.sending ? NOT_SENDING : null;
  const deskUrl = `${origin.publicUrl}/desk/tickets/${encodeURIComponent(notice.ticket.number)}`;
  const blocks: MailBlock[] = [
    { text: notice.title },
    { quote: notice.ticket.subject },
    { link: { label: `Open ${notice.ticket.number} on the desk`, url: deskUrl } },
    { text: 'This is an automatic notice from the desk. A reply to it is not added to the ticket; answer on the desk.' },
  ];
  const mailId = await insertMailMessage(tx, {
    direction: 'out',
    ticket_id: null,
    person_id: recipient.id,
    message_id: `notice.${randomBytes(10).toString('hex')}@${origin.domain}`,
    in_reply_to: null,
    references: null,
    from_address: origin.from,
    to_address: hasAddress ? `"${recipient.name.replace(/["\\\r\n]/g, '')}" <${recipient.email}>` : null,
    reply_to: null,
    subject: notice.title.replace(/[\r\n\t\u0000-\u001f\u007f]+/g, ' ').slice(0, 990),
    body_text: renderText(blocks),
    body_html: renderHtml(blocks),
    kind: STAFF_NOTICE_KIND,
    auto_submitted: 'auto-generated',
    status: skipReason ? 'skipped' : 'queued',
    source_key: `staff:${notice.sourceKey}`,
    created_at: now,
    sent_at: null,
    last_error: skipReason,
  });
  if (mailId === null || skipReason) return null;
  await enqueueJob(tx, { kind: sendMailJob, payload: { mailId }, dedupeKey: `mail:staff:${notice.sourceKey}`, now });
  return mailId;
}
