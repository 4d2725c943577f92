import { createHash } from 'node:crypto';
import { z } from 'zod';
import { defineJobKind } from '../../jobs/job-kind.js';
import { sendSingleUseLink } from './send-single-use-link.js';

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
  handle: ({ tokenId }, _run, ctx) =>
    sendSingleUseLink(ctx, {
      path: '/reset',
      load: (c) => c.db.selectFrom('password_reset_tokens').selectAll().where('id', '=', tokenId).executeTakeFirst(),
      storeToken: async (c, token) => {
        await c.db.updateTable('password_reset_tokens').set({ token_hash: hashResetToken(token) }).where('id', '=', tokenId).where('used_at', 'is', null).execute();
      },
      markSent: async (c) => {
        await c.db.updateTable('password_reset_tokens').set({ sent_at: c.now() }).where('id', '=', tokenId).execute();
      },
    }),
});
