import { createTransport } from 'nodemailer';
import pino from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { mailOriginOf } from '../src/modules/mail/index.js';
import { ingestInboundMessage, startSmtpListener, type IngestDeps, type SmtpListener } from '../src/modules/mail/ingest/index.js';
import { describeEachDialect } from './support/dialects.js';
import { loadEml } from './fixtures/eml/load-fixture.js';
import { signedIn } from './support/people.js';
import { useTestDesk } from './support/test-desk.js';
import { createTicket, inMinutes, resolvedTicket } from './support/tickets.js';

const DOMAIN = 'example.org';
const silent = pino({ level: 'silent' });

describeEachDialect('inbound mail over SMTP', (dialect) => {
  const desk = useTestDesk(dialect);
  let listener: SmtpListener;
  let failing: SmtpListener;

  beforeAll(async () => {
    desk.ctx.config.mail = { smtpUrl: undefined, from: `IT Support <support@${DOMAIN}>`, domain: DOMAIN };
    const deps: IngestDeps = { db: desk.db, now: desk.ctx.now, mailboxAddresses: [`support@${DOMAIN}`], mail: mailOriginOf(desk.ctx.config) };
    const common = { listen: '127.0.0.1:0', domain: DOMAIN, maxBytes: 1024 * 1024, log: silent };
    listener = await startSmtpListener({ ...common, ingest: (mailbox, raw) => ingestInboundMessage(deps, mailbox, raw) });
    failing = await startSmtpListener({ ...common, ingest: () => Promise.reject(new Error('storage is down')) });
  });
  afterAll(async () => {
    await listener?.close();
    await failing?.close();
  });

  const send = (raw: Buffer | string, opts: { to?: string; via?: SmtpListener } = {}) => {
    const via = opts.via ?? listener;
    const transport = createTransport({ host: '127.0.0.1', port: via.port, secure: false, ignoreTLS: true });
    return transport.sendMail({ envelope: { from: 'sender@example.com', to: [opts.to ?? `support@${DOMAIN}`] }, raw });
  };
  const ticketsFrom = (email: string) =>
    desk.db.selectFrom('tickets').innerJoin('users', 'users.id', 'tickets.requester_id').selectAll('tickets').where('users.email', '=', email).execute();
  const quarantined = () => desk.db.selectFrom('mail_quarantine').selectAll().orderBy('id').execute();
  const eml = (headers: Record<string, string>, body: string) =>
    [...Object.entries(headers).map(([k, v]) => `${k}: ${v}`), 'MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8', '', body, ''].join('\r\n');

  it('a new request creates exactly one ticket, however often it is delivered', async () => {
    for (let i = 0; i < 5; i++) await send(loadEml('01-new-request-plain'));
    const tickets = await ticketsFrom('priya.natarajan@example.com');
    expect(tickets).toHaveLength(1);
    expect(tickets[0]!.subject).toBe('VPN drops every 10 minutes since Friday');
    expect(tickets[0]!.description).toContain('GlobalConnect client 6.1');
    expect(tickets[0]!.channel).toBe('email');
    const rows = await desk.db.selectFrom('mail_messages').selectAll().where('message_id', '=', 'CAF3x9vPq-7Lr2@mail.example.com').execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ direction: 'in', ticket_id: tickets[0]!.id, status: 'ticket-created', mailbox: `support@${DOMAIN}` });
    const requester = await desk.db.selectFrom('users').selectAll().where('email', '=', 'priya.natarajan@example.com').executeTakeFirstOrThrow();
    expect(requester).toMatchObject({ role: 'requester', name: 'Priya Natarajan', password_hash: null });
  });

  it('a reply to the acknowledgement becomes a public comment on that ticket; a stranger naming the ticket gets a linked new one', async () => {
    const agent = await signedIn(desk, { role: 'agent', groupNames: ['Service Desk'] });
    const requester = 'ines.moreau@example.com';
    await send(eml({ From: `Ines Moreau <${requester}>`, To: `support@${DOMAIN}`, Subject: 'Printer on floor 3 jams', 'Message-ID': '<first-ines@example.com>' }, 'It jams on every page.'));
    const [ticket] = await ticketsFrom(requester);
    await agent.api.acknowledge(ticket!.id, { restatement: 'The floor 3 printer jams', nextUpdateAt: inMinutes(60) }, ticket!.version);
    const ack = await desk.db.selectFrom('mail_messages').selectAll().where('ticket_id', '=', ticket!.id).where('direction', '=', 'out').executeTakeFirstOrThrow();

    await send(eml({ From: requester, To: `support@${DOMAIN}`, Subject: `Re: [${ticket!.number}] We are on it`, 'Message-ID': '<second-ines@example.com>', 'In-Reply-To': `<${ack.message_id}>` }, 'It is the tray 2 feeder.\r\n\r\n> The floor 3 printer jams'));
    const events = await desk.db.selectFrom('ticket_events').selectAll().where('ticket_id', '=', ticket!.id).where('type', '=', 'public_reply').execute();
    expect(events).toHaveLength(1);
    expect(events[0]!.body).toBe('It is the tray 2 feeder.');
    expect(await ticketsFrom(requester)).toHaveLength(1);

    const stranger = 'oliver.grant@example.net';
    await send(eml({ From: stranger, To: `support@${DOMAIN}`, Subject: `Re: [${ticket!.number}] We are on it`, 'Message-ID': '<stranger-1@example.net>' }, 'Send me what you sent Ines.'));
    const afterStranger = await desk.db.selectFrom('ticket_events').select('id').where('ticket_id', '=', ticket!.id).where('type', '=', 'public_reply').execute();
    expect(afterStranger).toHaveLength(1);
    const [linked] = await ticketsFrom(stranger);
    expect(linked).toBeDefined();
    const note = await desk.db.selectFrom('ticket_events').selectAll().where('ticket_id', '=', linked!.id).where('type', '=', 'internal_note').executeTakeFirstOrThrow();
    expect(note.visibility).toBe('internal');
    expect(note.body).toContain(ticket!.number);
  });

  it('staff who answered on the desk thread by mail; a requester answering a closed ticket opens a follow-up', async () => {
    const agent = await signedIn(desk, { role: 'agent', groupNames: ['Service Desk'] });
    const colleague = await signedIn(desk, { role: 'agent', groupNames: ['Service Desk'], name: 'Kai Brandt' });
    const requester = await signedIn(desk, { name: 'Pia Lund' });
    const t = await createTicket(requester.api, { subject: 'Docking station does not charge' });
    await colleague.api.comment(t.id, { body: 'Which dock model is it?', visibility: 'public' }, t.version);
    const deskMail = await desk.db.selectFrom('mail_messages').selectAll().where('ticket_id', '=', t.id).where('kind', '=', 'reply').executeTakeFirstOrThrow();
    const answer = (from: string, id: string, body: string) =>
      eml({ From: from, To: `support@${DOMAIN}`, Subject: `Re: [${t.number}] Docking station`, 'Message-ID': `<${id}>`, 'In-Reply-To': `<${deskMail.message_id}>` }, body);

    // Not the assignee, but they wrote to the requester: a participant, so their mail is a reply.
    await send(answer(colleague.person.email, 'kai-1@example.com', 'Also: is the dock firmware current?'));
    const replies = await desk.db.selectFrom('ticket_events').selectAll().where('ticket_id', '=', t.id).where('type', '=', 'public_reply').orderBy('id').execute();
    expect(replies.map((e) => [e.actor_id, e.body])).toEqual([
      [colleague.person.id, 'Which dock model is it?'],
      [colleague.person.id, 'Also: is the dock firmware current?'],
    ]);

    const resolved = await resolvedTicket(agent.api, await agent.api.getTicket(t.id));
    await requester.api.confirm(t.id, resolved.version);
    await send(answer(requester.person.email, 'pia-2@example.com', 'It stopped charging again today.'));
    const closed = await desk.db.selectFrom('tickets').selectAll().where('id', '=', t.id).executeTakeFirstOrThrow();
    expect(closed.status).toBe('closed');
    const afterClose = await desk.db.selectFrom('ticket_events').select('id').where('ticket_id', '=', t.id).where('type', '=', 'public_reply').execute();
    expect(afterClose).toHaveLength(2);
    const followUp = (await ticketsFrom(requester.person.email)).find((x) => x.id !== t.id);
    expect(followUp?.description).toBe('It stopped charging again today.');
    const note = await desk.db.selectFrom('ticket_events').selectAll().where('ticket_id', '=', followUp!.id).where('type', '=', 'internal_note').executeTakeFirstOrThrow();
    expect(note.body).toBe(`This mail answers ${t.number}, which is closed, so it opened this follow-up ticket.`);
    expect(note.visibility).toBe('internal');
  });

  it('races between deliveries settle inside ingest: a new sender\'s first mails, two replies to one ticket, one message twice', async () => {
    const deps: IngestDeps = { db: desk.db, now: desk.ctx.now, mailboxAddresses: [`support@${DOMAIN}`], mail: mailOriginOf(desk.ctx.config) };
    const ingest = (raw: string) => ingestInboundMessage(deps, `support@${DOMAIN}`, Buffer.from(raw));
    const from = 'rui.costa@example.net';
    const firsts = await Promise.all(
      [1, 2, 3, 4].map((n) => ingest(eml({ From: from, To: `support@${DOMAIN}`, Subject: `Race ${n}`, 'Message-ID': `<race-${n}@example.net>` }, `Problem ${n}.`))),
    );
    expect(firsts.map((r) => r.outcome)).toEqual(['created', 'created', 'created', 'created']);
    expect(await desk.db.selectFrom('users').select('id').where('email', '=', from).execute()).toHaveLength(1);
    const [ticket] = await ticketsFrom(from);
    const reply = (n: number) =>
      eml({ From: from, To: `support@${DOMAIN}`, Subject: `Re: [${ticket!.number}] Race`, 'Message-ID': `<race-reply-${n}@example.net>` }, `More detail ${n}.`);
    const replies = await Promise.all([ingest(reply(1)), ingest(reply(2)), ingest(reply(1))]);
    expect(replies.map((r) => r.outcome).sort()).toEqual(['duplicate', 'replied', 'replied']);
    const comments = await desk.db.selectFrom('ticket_events').select('body').where('ticket_id', '=', ticket!.id).where('type', '=', 'public_reply').execute();
    expect(comments.map((c) => c.body).sort()).toEqual(['More detail 1.', 'More detail 2.']);
  });

  it('the same Message-ID with other content is quarantined, and files nothing', async () => {
    await send(loadEml('09-same-message-id-a'));
    await send(loadEml('10-same-message-id-b'));
    await send(loadEml('10-same-message-id-b'));
    expect(await ticketsFrom('hannah.lee@example.com')).toHaveLength(1);
    const held = (await quarantined()).filter((q) => q.dedupe_key === 'same-id-4411@example.com');
    expect(held).toHaveLength(1);
    expect(held[0]!.reason).toMatch(/^conflict/);
    expect(held[0]!.attempts).toBe(2);
  });

  it('an auto-reply from an unknown sender creates nothing and nobody', async () => {
    await send(loadEml('11-auto-replied'));
    expect(await desk.db.selectFrom('users').select('id').where('email', '=', 'daniel.ortiz@example.com').execute()).toHaveLength(0);
    const row = await desk.db.selectFrom('mail_messages').selectAll().where('message_id', '=', 'auto-9911@example.com').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'ignored', ticket_id: null, auto_submitted: 'auto-reply' });
  });

  it('a poison message is quarantined with its bytes and the next message still flows', async () => {
    const lines = ['From: a@example.com', `To: support@${DOMAIN}`, 'Subject: deep', 'MIME-Version: 1.0', 'Content-Type: multipart/mixed; boundary="b0"', ''];
    for (let level = 1; level < 30; level++) lines.push(`--b${level - 1}`, `Content-Type: multipart/mixed; boundary="b${level}"`, '');
    lines.push('--b29', 'Content-Type: text/plain', '', 'innermost', '--b29--');
    const poison = lines.join('\r\n');
    await send(poison);
    const held = (await quarantined()).find((q) => q.reason.startsWith('poison: too-deep'));
    expect(held).toBeDefined();
    expect(Buffer.from(held!.raw).toString('utf8')).toContain('Subject: deep');
    await send(eml({ From: 'noor.haddad@example.com', To: `support@${DOMAIN}`, Subject: 'Monitor flickers', 'Message-ID': '<noor-1@example.com>' }, 'Since this morning.'));
    expect(await ticketsFrom('noor.haddad@example.com')).toHaveLength(1);
  });

  it('refuses other domains with 550, over-size mail with 552 and answers 451 when storing fails', async () => {
    const plain = eml({ From: 'x@example.com', To: 'someone@elsewhere.test', Subject: 'hi', 'Message-ID': '<x-1@example.com>' }, 'hello');
    await expect(send(plain, { to: 'someone@elsewhere.test' })).rejects.toMatchObject({ responseCode: 550 });
    const big = eml({ From: 'x@example.com', To: `support@${DOMAIN}`, Subject: 'big', 'Message-ID': '<x-2@example.com>' }, 'a'.repeat(1024 * 1024 + 10));
    await expect(send(big)).rejects.toMatchObject({ responseCode: 552 });
    await expect(send(plain, { via: failing })).rejects.toMatchObject({ responseCode: 451 });
    expect(await desk.db.selectFrom('mail_messages').select('id').where('message_id', 'in', ['x-1@example.com', 'x-2@example.com']).execute()).toHaveLength(0);
  });
});
