import { randomBytes } from 'node:crypto';
import type { CreateMailMailboxInput } from '@deskside/shared';
import { CreateMailMailboxBody } from '@deskside/shared';
import pino from 'pino';
import type { MailMailboxRow } from '../../src/db/types.js';
import { mailOriginOf } from '../../src/modules/mail/index.js';
import { DEFAULT_PARSE_LIMITS } from '../../src/modules/mail/inbound/index.js';
import { ingestInboundMessage, type IngestDeps } from '../../src/modules/mail/ingest/index.js';
import {
  closeImapClient, createMailbox, findMailboxRow, imapClientFor, pollMailbox, withMailboxPassword, type IngestWith, type PollHooks, type PollResult,
} from '../../src/modules/mail/imap/index.js';
import { describe } from 'vitest';
import { describeEachDialect, type TestDialect } from './dialects.js';
import { dovecotProblem, type Dovecot } from './dovecot.js';
import type { TestNode } from './test-desk.js';

/** Declares an IMAP suite once per dialect; without dovecot it shows up as skipped, with the install hint. */
export function describeImapEachDialect(title: string, body: (dialect: TestDialect) => void): void {
  if (dovecotProblem) describe.skip(`${title} (${dovecotProblem})`, () => body('sqlite'));
  else describeEachDialect(title, body);
}

export const DOMAIN = 'example.org';
export const DESK_ADDRESS = `support@${DOMAIN}`;
export const silent = pino({ level: 'silent' });

/** A folder name no other test uses. */
export const freshFolder = (tag: string) => `${tag}-${randomBytes(3).toString('hex')}`;

/** A plain-text message as a mail client would write it. */
export function eml(m: { from: string; subject: string; messageId?: string; inReplyTo?: string; body?: string; to?: string }): string {
  const headers = [
    `From: ${m.from}`,
    `To: ${m.to ?? DESK_ADDRESS}`,
    `Subject: ${m.subject}`,
    'Date: Sun, 29 Nov 2026 10:00:00 +0000',
    ...(m.messageId ? [`Message-ID: <${m.messageId}>`] : []),
    ...(m.inReplyTo ? [`In-Reply-To: <${m.inReplyTo}>`, `References: <${m.inReplyTo}>`] : []),
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
  ];
  return [...headers, '', m.body ?? `${m.subject}: please help.`, ''].join('\r\n');
}

/** Multipart nested 30 deep: refused by the parser as poison (too-deep). */
export function poisonEml(from: string): string {
  const lines = [`From: ${from}`, `To: ${DESK_ADDRESS}`, 'Subject: deep', 'MIME-Version: 1.0', 'Content-Type: multipart/mixed; boundary="b0"', ''];
  for (let level = 1; level < 30; level++) lines.push(`--b${level - 1}`, `Content-Type: multipart/mixed; boundary="b${level}"`, '');
  lines.push('--b29', 'Content-Type: text/plain', '', 'innermost', '--b29--');
  return lines.join('\r\n');
}

/** The desk's ingest settings for tests: mail for example.org, no SMTP. */
export function ingestDepsFor(node: TestNode): IngestDeps {
  node.ctx.config.mail = { smtpUrl: undefined, from: `IT Support <${DESK_ADDRESS}>`, domain: DOMAIN };
  return { db: node.db, now: node.ctx.now, mailboxAddresses: [DESK_ADDRESS], mail: mailOriginOf(node.ctx.config) };
}

/** A mailbox row pointing at the test dovecot, added through the real use case. */
export async function addImapMailbox(node: TestNode, dovecot: Dovecot, input: Partial<CreateMailMailboxInput> & { folder: string }): Promise<MailMailboxRow> {
  const body = CreateMailMailboxBody.parse({
    address: DESK_ADDRESS, host: dovecot.host, port: dovecot.port, tlsMode: 'none', username: dovecot.user, password: dovecot.password, ...input,
  });
  const created = await node.db.transaction().execute((tx) => createMailbox(tx, body, node.ctx.now()));
  return (await findMailboxRow(node.db, created.id))!;
}

/** One poll pass over a mailbox as stored now, on a connection of its own. */
export async function pollOnce(node: TestNode, mailboxId: number, opts: { ingest?: IngestWith; hooks?: PollHooks } = {}): Promise<PollResult> {
  const row = withMailboxPassword((await findMailboxRow(node.db, mailboxId))!, node.ctx.config.secretKey);
  const client = imapClientFor(row);
  await client.connect();
  try {
    await client.mailboxOpen(row.folder);
    return await pollMailbox(client, row, {
      db: node.db, now: node.ctx.now, log: silent, ingestDeps: ingestDepsFor(node), ingest: opts.ingest ?? ingestInboundMessage,
      maxBytes: DEFAULT_PARSE_LIMITS.maxBytes, hooks: opts.hooks,
    });
  } finally {
    await closeImapClient(client);
  }
}

/** Tickets whose requester has this address. */
export function ticketsFrom(node: TestNode, email: string) {
  return node.db.selectFrom('tickets').innerJoin('users', 'users.id', 'tickets.requester_id').selectAll('tickets').where('users.email', '=', email).execute();
}

export const sender = (tag: string) => `${tag}-${randomBytes(3).toString('hex')}@example.com`;
