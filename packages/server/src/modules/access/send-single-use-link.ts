import { randomBytes } from 'node:crypto';
import type { AppContext } from '../../http/app-context.js';
import { deliverMessage, escapeHtml, findMailMessage, NOT_SENDING, RESET_LINK_PLACEHOLDER, setMailStatus } from '../mail/index.js';

/** The token row a single-use link belongs to, as the sender needs it. */
interface LinkRow {
  sent_at: number | null;
  used_at: number | null;
  mail_message_id: number | null;
  expires_at: number;
}

/** Where a kind of link keeps its token, and where on the desk it opens. */
export interface SingleUseLinkStore {
  load(ctx: AppContext): Promise<LinkRow | undefined>;
  /** Replaces the stored hash with this token's (only while unused). */
  storeToken(ctx: AppContext, token: string): Promise<void>;
  markSent(ctx: AppContext): Promise<void>;
  /** The page, e.g. "/reset"; the token follows in the #fragment, which browsers never send to a server. */
  path: string;
}

/**
 * Mints a link's token and sends the queued mail with it (decisions 0036, 0037): the token lives
 * only in this run's memory and the message handed to SMTP; the row keeps its hash. A retry mints
 * a new token and replaces the hash, so a link from a send that crashed before being recorded
 * simply stops working.
 */
export async function sendSingleUseLink(ctx: AppContext, store: SingleUseLinkStore): Promise<void> {
  const link = await store.load(ctx);
  if (!link || link.sent_at !== null || link.used_at !== null || link.mail_message_id === null) return;
  const row = await findMailMessage(ctx.db, link.mail_message_id);
  if (!row || row.status === 'sent' || row.status === 'skipped') return;
  const smtpUrl = ctx.config.mail.smtpUrl;
  if (!smtpUrl || ctx.now() >= link.expires_at) {
    await setMailStatus(ctx.db, row.id, 'skipped', ctx.now(), smtpUrl ? 'the link expired before it could be sent' : NOT_SENDING);
    return;
  }
  const token = randomBytes(32).toString('base64url');
  await store.storeToken(ctx, token);
  const url = `${ctx.config.publicUrl}${store.path}#${token}`;
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
  await store.markSent(ctx);
}
