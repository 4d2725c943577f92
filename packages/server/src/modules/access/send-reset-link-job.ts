import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { defineJobKind } from '../../jobs/job-kind.js';
import { deliverMessage, escapeHtml, findMailMessage, NOT_SENDING, RESET_LINK_PLACEHOLDER, setMailStatus } from '../mail/index.js';

export const SendResetLinkPayload = z.strictObject({ tokenId: z.uuid() });

/** SHA-256 of a reset token, as password_reset_tokens keeps it. */
export function hashResetToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Mints the reset token and sends its link: the token lives only in this run's memory and the
 * message handed to SMTP; the row keeps its hash. A retry mints a new token and replaces the hash,
 * so a link from a send that crashed before being recorded simply stops working.
 */
export const sendResetLinkJob = defineJobKind({
  name: 'access.reset-link.send',
  payload: SendResetLinkPayload,
  handle: async ({ tokenId }, _run, ctx) => {
    const link = await ctx.db.selectFrom('password_reset_tokens').selectAll().where('id', '=', tokenId).executeTakeFirst();
    if (!link || link.sent_at !== null || link.used_at !== null || link.mail_message_id === null) return;
    const row = await findMailMessage(ctx.db, link.mail_message_id);
    if (!row || row.status === 'sent' || row.status === 'skipped') return;
    const smtpUrl = ctx.config.mail.smtpUrl;
    if (!smtpUrl || ctx.now() >= link.expires_at) {
      await setMailStatus(ctx.db, row.id, 'skipped', ctx.now(), smtpUrl ? 'the link expired before it could be sent' : NOT_SENDING);
      return;
    }
    const token = randomBytes(32).toString('base64url');
    await ctx.db.updateTable('password_reset_tokens').set({ token_hash: hashResetToken(token) }).where('id', '=', tokenId).where('used_at', 'is', null).execute();
    const url = `${ctx.config.publicUrl}/reset#${token}`;
    const withLink = {
      ...row,
      body_text: (row.body_text ?? '').replace(RESET_LINK_PLACEHOLDER, url),
      body_html: row.body_html?.replace(`<p>${escapeHtml(RESET_LINK_PLACEHOLDER)}</p>`, `<p><a href="${escapeHtml(url)}">${escapeHtml(url)}</a></p>`) ?? null,
    };
    try {
      await deliverMessage(smtpUrl, withLink);
    } catch (err) {
      await setMailStatus(ctx.db, row.id, 'failed', ctx.now(), err instanceof Error ? err.message : String(err));
      throw err;
    }
    await setMailStatus(ctx.db, row.id, 'sent', ctx.now(), null);
    await ctx.db.updateTable('password_reset_tokens').set({ sent_at: ctx.now() }).where('id', '=', tokenId).execute();
  },
});
