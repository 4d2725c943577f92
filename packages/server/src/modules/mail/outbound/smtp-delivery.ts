import nodemailer from 'nodemailer';
import type { MailMessageRow } from '../../../db/types.js';

const bracket = (id: string) => `<${id}>`;

/**
 * Hands one stored message to the SMTP server, with the Message-ID and threading stored at
 * enqueue time: a resend after a crash is the same message to every mail client.
 * Throws with the server's answer when it refuses; the job engine retries.
 */
export async function deliverMessage(smtpUrl: string, row: MailMessageRow): Promise<void> {
  // Bounded so a stuck server fails the run well within the job's lease.
  const transport = nodemailer.createTransport({ url: smtpUrl, connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 30_000 });
  try {
    await transport.sendMail({
      from: row.from_address ?? undefined,
      to: row.to_address ?? undefined,
      replyTo: row.reply_to ?? undefined,
      subject: row.subject,
      text: row.body_text ?? '',
      ...(row.body_html ? { html: row.body_html } : {}),
      messageId: bracket(row.message_id),
      ...(row.in_reply_to ? { inReplyTo: bracket(row.in_reply_to) } : {}),
      ...(row.references ? { references: row.references.split(' ').map(bracket) } : {}),
      date: new Date(row.created_at),
      headers: {
        'Auto-Submitted': row.auto_submitted,
        // Exchange's out-of-office and similar answer auto-generated mail only if not told otherwise.
        ...(row.auto_submitted === 'no' ? {} : { 'X-Auto-Response-Suppress': 'All' }),
      },
    });
  } finally {
    transport.close();
  }
}
