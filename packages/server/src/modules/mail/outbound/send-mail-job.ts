import { z } from 'zod';
import { defineJobKind } from '../../../jobs/job-kind.js';
import { findMailMessage, findRecipient, setMailStatus } from './mail-messages-repo.js';
import { NOT_SENDING } from './mail-origin.js';
import { deliverMessage } from './smtp-delivery.js';

export const SendMailPayload = z.strictObject({ mailId: z.number().int().positive() });

/**
 * Sends one queued message. Idempotent as far as SMTP allows: a row already sent or skipped
 * is left alone, so a repeated run sends nothing; only a crash between the server's accept
 * and marking the row sends twice, and then with the same Message-ID (clients show one).
 * Without DESKSIDE_SMTP_URL the row is marked skipped with that reason (decision 0023).
 */
export const sendMailJob = defineJobKind({
  name: 'mail.send',
  payload: SendMailPayload,
  handle: async ({ mailId }, _run, ctx) => {
    const row = await findMailMessage(ctx.db, mailId);
    if (!row || row.direction !== 'out' || row.status === 'sent' || row.status === 'skipped') return;
    const smtpUrl = ctx.config.mail.smtpUrl;
    if (!smtpUrl) {
      await setMailStatus(ctx.db, mailId, 'skipped', ctx.now(), NOT_SENDING);
      return;
    }
    // Deactivated since the mail was queued: they no longer hear from the desk.
    const recipient = row.person_id === null ? null : await findRecipient(ctx.db, row.person_id);
    if (recipient?.disabled_at != null) {
      await setMailStatus(ctx.db, mailId, 'skipped', ctx.now(), 'the requester is deactivated');
      return;
    }
    try {
      await deliverMessage(smtpUrl, row);
    } catch (err) {
      // Recorded on the message for admins; the engine retries and finally dead-letters the job.
      await setMailStatus(ctx.db, mailId, 'failed', ctx.now(), err instanceof Error ? err.message : String(err));
      throw err;
    }
    await setMailStatus(ctx.db, mailId, 'sent', ctx.now(), null);
  },
});
