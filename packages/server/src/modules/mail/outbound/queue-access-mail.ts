import { randomBytes } from 'node:crypto';
import type { Tx } from '../../../db/connect.js';
import { enqueueJob } from '../../../jobs/enqueue-job.js';
import { renderHtml, renderText, type MailBlock } from './mail-body.js';
import { insertMailMessage } from './mail-messages-repo.js';
import { NOT_SENDING, type MailOrigin } from './mail-origin.js';
import { sendMailJob } from './send-mail-job.js';

/** Someone in the directory an identity-action mail goes to; they may have no desk account. */
export interface AccessMailRecipient {
  name: string;
  email: string;
}

/** The kinds identity-action mail is recorded with. */
export const RESET_LINK_KIND = 'password_reset_link';
export const ACCESS_NOTICE_KIND = 'access_notice';

/**
 * Stands in the stored body where the reset link goes: the link exists only in the message handed
 * to SMTP (decision 0036), so mail_messages never holds it.
 */
export const RESET_LINK_PLACEHOLDER = '[the single-use link: it is in the mail as sent and kept nowhere else]';

const addressOf = (r: AccessMailRecipient) => `"${r.name.replace(/["\\\r\n]/g, '')}" <${r.email}>`;
const subjectOf = (s: string) => s.replace(/[\r\n\t\u0000-\u001f\u007f]+/g, ' ').slice(0, 990);

/**
 * Records the reset-link mail in the caller's transaction, its body carrying the placeholder
 * instead of the link; the caller queues the job that mints the token and sends it.
 */
export async function queueResetLinkMail(
  tx: Tx, origin: MailOrigin, mail: { to: AccessMailRecipient; expiresAt: number; sourceKey: string }, now: number,
): Promise<number> {
  const minutes = Math.round((mail.expiresAt - now) / 60_000);
  const blocks: MailBlock[] = [
    { text: `Hello ${mail.to.name},` },
    { text: 'The IT service desk started a password reset for your account after checking it was you. Open the link below on your own device and choose your new password. Nobody at the desk sees it.' },
    { text: RESET_LINK_PLACEHOLDER },
    { text: `The link works once and expires in ${minutes} minutes. If you did not ask for this, do not open it and call the Security desk.` },
  ];
  const id = await insertMailMessage(tx, {
    direction: 'out', ticket_id: null, person_id: null,
    message_id: `reset.${randomBytes(10).toString('hex')}@${origin.domain}`, in_reply_to: null, references: null,
    from_address: origin.from, to_address: addressOf(mail.to), reply_to: null,
    subject: 'Set your new password', body_text: renderText(blocks), body_html: renderHtml(blocks),
    kind: RESET_LINK_KIND, auto_submitted: 'auto-generated', status: 'queued', source_key: `reset:${mail.sourceKey}`,
    created_at: now, sent_at: null, last_error: null,
  });
  if (id === null) throw new Error('the reset link mail for this cause was queued already');
  return id;
}

/** Queues a notice about an executed identity action; no link in it grants anything. Null when nothing will be sent. */
export async function queueAccessNotice(
  tx: Tx, origin: MailOrigin, notice: { to: AccessMailRecipient; subject: string; paragraphs: string[]; sourceKey: string }, now: number,
): Promise<number | null> {
  const blocks: MailBlock[] = notice.paragraphs.map((text) => ({ text }));
  const skipReason = origin.sending ? null : NOT_SENDING;
  const id = await insertMailMessage(tx, {
    direction: 'out', ticket_id: null, person_id: null,
    message_id: `access.${randomBytes(10).toString('hex')}@${origin.domain}`, in_reply_to: null, references: null,
    from_address: origin.from, to_address: addressOf(notice.to), reply_to: null,
    subject: subjectOf(notice.subject), body_text: renderText(blocks), body_html: renderHtml(blocks),
    kind: ACCESS_NOTICE_KIND, auto_submitted: 'auto-generated', status: skipReason ? 'skipped' : 'queued',
    source_key: `access:${notice.sourceKey}`, created_at: now, sent_at: null, last_error: skipReason,
  });
  if (id === null || skipReason) return null;
  await enqueueJob(tx, { kind: sendMailJob, payload: { mailId: id }, dedupeKey: `mail:access:${notice.sourceKey}`, now });
  return id;
}

/** The kind a directory_otp verification-link mail is recorded with. */
export const VERIFICATION_LINK_KIND = 'access_verification_link';

/**
 * Records the verification-link mail (method (a): the person answers on their own device) in the
 * caller's transaction, its body carrying RESET_LINK_PLACEHOLDER instead of the link; the caller
 * queues the job that mints the token and sends it.
 */
export async function queueVerificationLinkMail(
  tx: Tx, origin: MailOrigin,
  mail: { to: AccessMailRecipient; actionInWords: string; requestedBy: string; expiresAt: number; sourceKey: string }, now: number,
): Promise<number> {
  const minutes = Math.round((mail.expiresAt - now) / 60_000);
  const blocks: MailBlock[] = [
    { text: `Hello ${mail.to.name},` },
    { text: `The IT service desk was asked to ${mail.actionInWords}. ${mail.requestedBy} at the desk is working on it. Before anything happens, the desk needs you to confirm it was you who asked.` },
    { text: 'Open the link below on your own device and answer. Do not read it out or forward it to anyone, including the desk.' },
    { text: RESET_LINK_PLACEHOLDER },
    { text: `The link works once and expires in ${minutes} minutes. If you did not ask for this, open it and answer "No", or call the Security desk.` },
  ];
  const id = await insertMailMessage(tx, {
    direction: 'out', ticket_id: null, person_id: null,
    message_id: `verify.${randomBytes(10).toString('hex')}@${origin.domain}`, in_reply_to: null, references: null,
    from_address: origin.from, to_address: addressOf(mail.to), reply_to: null,
    subject: 'Did you ask the IT desk for this?', body_text: renderText(blocks), body_html: renderHtml(blocks),
    kind: VERIFICATION_LINK_KIND, auto_submitted: 'auto-generated', status: 'queued', source_key: `verify:${mail.sourceKey}`,
    created_at: now, sent_at: null, last_error: null,
  });
  if (id === null) throw new Error('the verification link mail for this cause was queued already');
  return id;
}
