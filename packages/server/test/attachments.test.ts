import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventAttachment, TicketEvent } from '@deskside/shared';
import { createTransport } from 'nodemailer';
import pino from 'pino';
import { beforeAll, expect, it } from 'vitest';
import { blobStoreFor, diskBlobStore, recordAttachments, storeAttachmentBlobs } from '../src/modules/attachments/index.js';
import { mailOriginOf } from '../src/modules/mail/index.js';
import { ingestInboundMessage, startSmtpListener, type IngestDeps } from '../src/modules/mail/ingest/index.js';
import { describeEachDialect } from './support/dialects.js';
import { loadEml } from './fixtures/eml/load-fixture.js';
import { createPerson, signedIn, signIn, type SessionClient, type TestPerson } from './support/people.js';
import { useTestDesk } from './support/test-desk.js';

const DOMAIN = 'example.org';
const MAILBOX = `support@${DOMAIN}`;

interface File {
  name: string;
  type: string;
  content: Buffer;
}

/** A multipart mail with files, names sent RFC 2231-encoded the way mail clients do. */
function mailWith(headers: Record<string, string>, text: string, files: File[]): Buffer {
  const lines = [...Object.entries(headers).map(([k, v]) => `${k}: ${v}`), `To: ${MAILBOX}`, 'MIME-Version: 1.0', 'Content-Type: multipart/mixed; boundary="part"', ''];
  lines.push('--part', 'Content-Type: text/plain; charset=utf-8', '', text);
  for (const file of files) {
    lines.push(
      '--part',
      `Content-Type: ${file.type}`,
      `Content-Disposition: attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`,
      'Content-Transfer-Encoding: base64',
      '',
      file.content.toString('base64').replace(/.{76}/g, '$&\r\n'),
    );
  }
  lines.push('--part--', '');
  return Buffer.from(lines.join('\r\n'));
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describeEachDialect('attachments from inbound mail', (dialect) => {
  const desk = useTestDesk(dialect);
  let deps: IngestDeps;
  let agent: SessionClient;
  let requester: TestPerson;
  let requesterApi: SessionClient;
  let stranger: SessionClient;

  beforeAll(async () => {
    desk.ctx.config.mail = { smtpUrl: undefined, from: `IT Support <${MAILBOX}>`, domain: DOMAIN };
    deps = { db: desk.db, now: desk.ctx.now, mailboxAddresses: [MAILBOX], mail: mailOriginOf(desk.ctx.config), blobs: blobStoreFor(desk.ctx.config) };
    agent = (await signedIn(desk, { role: 'agent', groupNames: ['Service Desk'] })).api;
    requester = await createPerson(desk, { role: 'requester', name: 'Maya Lindqvist' });
    requesterApi = await signIn(desk, requester.email, requester.password);
    stranger = (await signedIn(desk, { role: 'requester' })).api;
  });

  const blobPath = (hash: string) => join(desk.ctx.config.dataDir, 'attachments', hash.slice(0, 2), hash.slice(2, 4), hash);
  const rowsOf = (ticketId: number) => desk.db.selectFrom('attachments').selectAll().where('ticket_id', '=', ticketId).orderBy('id').execute();
  const eventsOf = async (api: SessionClient, ticketId: number): Promise<TicketEvent[]> => (await api.ticketEvents(ticketId)).items;
  const download = (api: SessionClient, ticketId: number, attachmentId: number) => api.raw(`/api/v1/tickets/${ticketId}/attachments/${attachmentId}`);
  const ticketOf = (outcome: Awaited<ReturnType<typeof ingestInboundMessage>>) => {
    if (outcome.outcome !== 'created' && outcome.outcome !== 'replied') throw new Error(`expected a filed message, got ${JSON.stringify(outcome)}`);
    return outcome.ticketId;
  };

  const pdf = { name: 'vpn-log.pdf', type: 'application/pdf', content: randomBytes(40 * 1024) };
  const notes = { name: 'notes.txt', type: 'text/plain', content: Buffer.from('Dropped at 07:55 and 08:05.\n') };
  let ticketId: number;

  it('stores each file once under DATA_DIR by its sha256 and hangs the rows on the event the mail made', async () => {
    const raw = mailWith({ From: `Maya Lindqvist <${requester.email}>`, Subject: 'VPN drops', 'Message-ID': '<att-1@example.com>' }, 'Logs attached.', [pdf, notes]);
    ticketId = ticketOf(await ingestInboundMessage(deps, MAILBOX, raw));

    const rows = await rowsOf(ticketId);
    const created = await desk.db.selectFrom('ticket_events').selectAll().where('ticket_id', '=', ticketId).where('type', '=', 'created').executeTakeFirstOrThrow();
    const mail = await desk.db.selectFrom('mail_messages').selectAll().where('message_id', '=', 'att-1@example.com').executeTakeFirstOrThrow();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      event_id: created.id, mail_message_id: mail.id, created_by_id: requester.id, sha256: sha256(pdf.content),
      filename: 'vpn-log.pdf', original_filename: 'vpn-log.pdf', content_type: 'application/pdf', size: pdf.content.length, inline: 0,
    });
    expect(rows[1]).toMatchObject({ filename: 'notes.txt', content_type: 'text/plain', size: notes.content.length });
    for (const [row, file] of [[rows[0]!, pdf], [rows[1]!, notes]] as const) {
      const stored = readFileSync(blobPath(row.sha256));
      expect(stored.equals(file.content)).toBe(true);
      expect(sha256(stored)).toBe(row.sha256);
      // Nothing half-written is left beside it.
      expect(readdirSync(join(blobPath(row.sha256), '..'))).toEqual([row.sha256]);
    }
  });

  it('a reply carrying the same file stores it once more as a row, not as bytes', async () => {
    const { number } = await agent.getTicket(ticketId);
    const raw = mailWith({ From: requester.email, Subject: `Re: [${number}] VPN drops`, 'Message-ID': '<att-2@example.com>' }, 'Same log again, and it dropped twice more.', [pdf]);
    expect(await ingestInboundMessage(deps, MAILBOX, raw)).toEqual({ outcome: 'replied', ticketId });
    const rows = await rowsOf(ticketId);
    expect(rows).toHaveLength(3);
    const reply = await desk.db.selectFrom('ticket_events').select('id').where('ticket_id', '=', ticketId).where('type', '=', 'public_reply').executeTakeFirstOrThrow();
    expect(rows[2]).toMatchObject({ event_id: reply.id, sha256: rows[0]!.sha256 });
    expect(readdirSync(join(blobPath(rows[0]!.sha256), '..'))).toEqual([rows[0]!.sha256]);

    // Delivered again: a duplicate, no new rows.
    expect(await ingestInboundMessage(deps, MAILBOX, raw)).toEqual({ outcome: 'duplicate' });
    expect(await rowsOf(ticketId)).toHaveLength(3);
  });

  it('lists files with their events and serves them as downloads to the requester and the desk', async () => {
    const events = await eventsOf(requesterApi, ticketId);
    const created = events.find((e) => e.type === 'created')!;
    expect(created.attachments).toEqual([
      { id: expect.any(Number), filename: 'vpn-log.pdf', contentType: 'application/pdf', size: pdf.content.length },
      { id: expect.any(Number), filename: 'notes.txt', contentType: 'text/plain', size: notes.content.length },
    ]);
    expect(events.find((e) => e.type === 'status_changed')?.attachments).toBeUndefined();
    const [pdfRef] = created.attachments as EventAttachment[];

    for (const api of [requesterApi, agent]) {
      const res = await download(api, ticketId, pdfRef!.id);
      expect(res.status).toBe(200);
      expect(Buffer.from(await res.arrayBuffer()).equals(pdf.content)).toBe(true);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      expect(res.headers.get('content-disposition')).toBe(`attachment; filename="vpn-log.pdf"; filename*=UTF-8''vpn-log.pdf`);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
      expect(res.headers.get('cache-control')).toContain('no-store');
    }
  });

  it('answers 404 to anyone who may not read the event, exactly as for a file that does not exist', async () => {
    const [first] = await rowsOf(ticketId);
    const missing = await download(agent, ticketId, 999_999);
    expect(missing.status).toBe(404);
    const missingBody = await missing.text();

    const foreign = await download(stranger, ticketId, first!.id);
    expect(foreign.status).toBe(404);
    expect(await foreign.text()).toBe(missingBody);

    // Another ticket's id in the path does not reach this ticket's file.
    const other = await agent.createTicket({ type: 'incident', subject: 'Other', description: 'Other', impact: 3, urgency: 3 });
    expect((await download(agent, other.id, first!.id)).status).toBe(404);

    // A file on an internal note: the desk downloads it, the requester cannot tell it exists.
    await agent.comment(ticketId, { visibility: 'internal', body: 'Packet capture from the firewall.' });
    const noteEvent = (await eventsOf(agent, ticketId)).filter((e) => e.type === 'internal_note').at(-1)!;
    const capture = { sha256: sha256(Buffer.from('pcap bytes')), content: Buffer.from('pcap bytes') };
    await storeAttachmentBlobs(deps.blobs!, [capture]);
    await desk.db.transaction().execute((tx) =>
      recordAttachments(
        tx,
        { ticketId, eventId: noteEvent.id, mailMessageId: null, createdById: null, now: Date.now() },
        [{ ...capture, filename: 'capture.pcap', originalFilename: null, contentType: 'application/vnd.tcpdump.pcap', size: capture.content.length, inline: false, contentId: null }],
      ),
    );
    const internal = (await rowsOf(ticketId)).at(-1)!;
    expect((await download(agent, ticketId, internal.id)).status).toBe(200);
    const hidden = await download(requesterApi, ticketId, internal.id);
    expect(hidden.status).toBe(404);
    expect(await hidden.text()).toBe(missingBody);
    expect((await eventsOf(agent, ticketId)).find((e) => e.id === noteEvent.id)?.attachments).toMatchObject([{ filename: 'capture.pcap' }]);
    expect(JSON.stringify(await eventsOf(requesterApi, ticketId))).not.toContain('capture.pcap');
  });

  it('hostile names come out normalised in the API and in Content-Disposition; active types download as bytes', async () => {
    const hostile = ticketOf(await ingestInboundMessage(deps, MAILBOX, loadEml('17-hostile-attachment-names')));
    const files = (await eventsOf(agent, hostile)).find((e) => e.type === 'created')!.attachments!;
    expect(files.map((f) => f.filename).slice(0, 2)).toEqual(['passwd', 'invoicegpj.exe']);
    expect(files.map((f) => f.filename).slice(3)).toEqual(['htaccess', '_CON.txt']);
    expect(files[2]!.filename).toHaveLength(150);
    const disposition = (await download(agent, hostile, files[1]!.id)).headers.get('content-disposition');
    expect(disposition).toBe(`attachment; filename="invoicegpj.exe"; filename*=UTF-8''invoicegpj.exe`);
    const audit = await desk.db.selectFrom('attachments').select('original_filename').where('id', '=', files[1]!.id).executeTakeFirstOrThrow();
    expect(audit.original_filename).toBe('invoice\u202Egpj.exe');

    const raw = mailWith({ From: requester.email, Subject: 'Odd files', 'Message-ID': '<att-odd@example.com>' }, 'See attached.', [
      { name: 'Résumé "final" — v2.pdf', type: 'application/pdf', content: Buffer.from('%PDF-1.4 résumé') },
      { name: 'page.html', type: 'text/html', content: Buffer.from('<script>alert(document.cookie)</script>') },
      { name: 'icon.svg', type: 'image/svg+xml', content: Buffer.from('<svg onload="alert(1)"/>') },
    ]);
    const odd = ticketOf(await ingestInboundMessage(deps, MAILBOX, raw));
    const [resume, page, icon] = (await eventsOf(requesterApi, odd)).find((e) => e.type === 'created')!.attachments!;
    expect(resume!.filename).toBe('Résumé _final_ — v2.pdf');
    const res = await download(requesterApi, odd, resume!.id);
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="Resume _final_ _ v2.pdf"; filename*=UTF-8''R%C3%A9sum%C3%A9%20_final_%20%E2%80%94%20v2.pdf`,
    );
    for (const active of [page!, icon!]) {
      const served = await download(requesterApi, odd, active.id);
      expect(served.headers.get('content-type')).toBe('application/octet-stream');
      expect(served.headers.get('content-disposition')).toMatch(/^attachment;/);
    }
  });

  it('tells the desk in an internal note which files were left out, and the requester sees no note', async () => {
    const tight: IngestDeps = { ...deps, limits: { attachments: { maxCount: 2, maxBytesEach: 64 * 1024, maxBytesTotal: 100 * 1024 } } };
    const big = { name: 'full-dump.bin', type: 'application/octet-stream', content: randomBytes(90 * 1024) };
    const raw = mailWith({ From: requester.email, Subject: 'Dump', 'Message-ID': '<att-big@example.com>' }, 'The dump and the config.', [big, notes]);
    const id = ticketOf(await ingestInboundMessage(tight, MAILBOX, raw));
    expect((await rowsOf(id)).map((r) => r.filename)).toEqual(['notes.txt']);
    expect(existsSync(blobPath(sha256(big.content)))).toBe(false);
    const note = (await eventsOf(agent, id)).find((e) => e.type === 'internal_note')!;
    expect(note.visibility).toBe('internal');
    expect(note.body).toBe('full-dump.bin (90 KB) was not kept: over the 64 KB limit for one file.');
    expect(note.data).toEqual({ droppedAttachments: [{ filename: 'full-dump.bin', contentType: 'application/octet-stream', size: big.content.length, reason: 'too-large' }] });
    expect((await eventsOf(requesterApi, id)).some((e) => e.type === 'internal_note')).toBe(false);
  });

  it('machine mail with files stores no rows', async () => {
    const raw = mailWith(
      { From: requester.email, Subject: 'Automatic reply: VPN drops', 'Message-ID': '<att-auto@example.com>', 'Auto-Submitted': 'auto-replied' },
      'I am away.',
      [{ name: 'away.png', type: 'image/png', content: randomBytes(512) }],
    );
    expect(await ingestInboundMessage(deps, MAILBOX, raw)).toMatchObject({ outcome: 'ignored' });
    const row = await desk.db.selectFrom('mail_messages').select('id').where('message_id', '=', 'att-auto@example.com').executeTakeFirstOrThrow();
    expect(await desk.db.selectFrom('attachments').select('id').where('mail_message_id', '=', row.id).execute()).toEqual([]);
  });

  it('when a blob cannot be written, ingest throws, commits nothing, and the SMTP listener answers 451', async () => {
    // A data directory whose "attachments" is a file: the real disk store fails to make its folders.
    const brokenDir = mkdtempSync(join(tmpdir(), 'deskside-broken-'));
    writeFileSync(join(brokenDir, 'attachments'), 'not a directory');
    const broken: IngestDeps = { ...deps, blobs: diskBlobStore(join(brokenDir, 'attachments')) };
    const listener = await startSmtpListener({
      listen: '127.0.0.1:0', domain: DOMAIN, maxBytes: 1024 * 1024, log: pino({ level: 'silent' }),
      ingest: (mailbox, raw) => ingestInboundMessage(broken, mailbox, raw),
    });
    try {
      const sender = `lost-${randomBytes(3).toString('hex')}@example.com`;
      const raw = mailWith({ From: sender, Subject: 'Screenshot', 'Message-ID': `<${sender}>` }, 'See the screenshot.', [{ name: 'shot.png', type: 'image/png', content: randomBytes(2048) }]);
      await expect(ingestInboundMessage(broken, MAILBOX, raw)).rejects.toThrow();
      const transport = createTransport({ host: '127.0.0.1', port: listener.port, secure: false, ignoreTLS: true });
      await expect(transport.sendMail({ envelope: { from: sender, to: [MAILBOX] }, raw })).rejects.toMatchObject({ responseCode: 451 });
      expect(await desk.db.selectFrom('mail_messages').select('id').where('message_id', '=', sender).execute()).toEqual([]);
      expect(await desk.db.selectFrom('users').select('id').where('email', '=', sender).execute()).toEqual([]);
      expect(await desk.db.selectFrom('tickets').select('id').where('subject', '=', 'Screenshot').execute()).toEqual([]);

      // The same bytes once storage works again: filed, with the file.
      const filed = ticketOf(await ingestInboundMessage(deps, MAILBOX, raw));
      expect(await rowsOf(filed)).toHaveLength(1);
    } finally {
      await listener.close();
      rmSync(brokenDir, { recursive: true, force: true });
    }
  });

});
