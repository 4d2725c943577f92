import { randomUUID } from 'node:crypto';
import { conflict } from '../../errors.js';
import { enqueueJob } from '../../jobs/enqueue-job.js';
import { type MailOrigin, queueResetLinkMail } from '../mail/index.js';
import { type AccessContext, commitStep, decide, type LoadedAccessRequest } from './access-writes.js';
import { advanced } from './notify-executed.js';
import { sendResetLinkJob } from './send-reset-link-job.js';

/** How long a reset link works after it was issued (the issue allows at most 60 minutes). */
export const RESET_LINK_MINUTES = 30;
const DAY = 24 * 60 * 60 * 1000;

/**
 * Executes a reset_password request: writes no password. It records a single-use link bound to
 * this request and target and queues it to the e-mail of record; the send job mints the token, so
 * no row, response or audit entry ever holds it (decision 0036). The request is executed ("link sent").
 */
export async function issueResetLink(c: AccessContext, loaded: LoadedAccessRequest, origin: MailOrigin): Promise<LoadedAccessRequest> {
  const { target, request } = loaded;
  if (!origin.sending) throw conflict('This desk sends no mail (DESKSIDE_SMTP_URL is not set), so a reset link cannot reach the person', []);
  if (!target.email) throw conflict('The directory has no e-mail address of record for this person, so a reset link cannot be sent', []);
  const quietDays = request.requirements.callbackQuietDays;
  if (c.now - target.email_changed_at < quietDays * DAY) {
    throw conflict(`The e-mail address of record changed less than ${quietDays} days ago, so it is not a verified channel for a reset link`, []);
  }
  const executed = decide(decide(request, { type: 'start_execution' }, c.now), { type: 'confirm_applied', source: 'directory_reply' }, c.now);
  const expiresAt = c.now + RESET_LINK_MINUTES * 60_000;
  const tokenId = randomUUID();
  const mailId = await queueResetLinkMail(c.tx, origin, { to: { name: target.name, email: target.email }, expiresAt, sourceKey: tokenId }, c.now);
  await c.tx
    .insertInto('password_reset_tokens')
    .values({
      id: tokenId, request_id: request.id, target_person_id: target.id, target_immutable_id: target.immutable_id,
      token_hash: null, mail_message_id: mailId, created_at: c.now, expires_at: expiresAt, sent_at: null, used_at: null,
    })
    .execute();
  await enqueueJob(c.tx, { kind: sendResetLinkJob, payload: { tokenId }, dedupeKey: `reset-link:${tokenId}`, now: c.now });
  const version = await commitStep(c, loaded, executed, { outcome: 'link sent', channel: 'e-mail of record', linkExpiresAt: new Date(expiresAt).toISOString() });
  return advanced(loaded, executed, version);
}
