import type { Ticket } from '@deskside/shared';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readConfig, redactUrl } from '../src/config.js';
import { startJobEngine, type JobEngine } from '../src/jobs/index.js';
import { mailOriginOf, sendMailJob } from '../src/modules/mail/index.js';
import { acknowledgeTicket, loadTicketFor } from '../src/modules/tickets/index.js';
import { describeEachDialect } from './support/dialects.js';
import { waitFor, waitForStatus } from './support/jobs.js';
import { signedIn, type SessionClient, type TestPerson } from './support/people.js';
import { startSmtpSink, type Received, type SmtpSink } from './support/smtp-sink.js';
import { useTestDesk } from './support/test-desk.js';
import { acknowledge, createTicket, inMinutes, RESOLUTION } from './support/tickets.js';

type Someone = { person: TestPerson; api: SessionClient };
const DOMAIN = 'desk.example.test';

describeEachDialect('outbound mail', (dialect) => {
  const desk = useTestDesk(dialect);
  let smtp: SmtpSink;
  let engine: JobEngine | undefined;
  let agent: Someone;
  let requester: Someone;

  const startEngine = () => startJobEngine(desk.ctx, { kinds: [sendMailJob], pollMs: 50, backoffMs: 50, maxAttempts: 3 });

  beforeAll(async () => {
    smtp = await startSmtpSink();
    desk.ctx.config.mail = { smtpUrl: smtp.url, from: 'IT Support <support@desk.example.test>', domain: DOMAIN };
    agent = await signedIn(desk, { role: 'agent', groupNames: ['Service Desk'], name: 'Sam Achterberg' });
    requester = await signedIn(desk, { name: 'Mara Lindqvist' });
  });
  beforeEach(() => {
    smtp.refuseWith = null;
    engine ??= startEngine();
  });
  afterAll(async () => {
    await engine?.stop();
    await smtp?.close();
  });

  const mailsAbout = (t: Ticket) => smtp.received.filter((r) => r.mail.subject?.includes(`[${t.number}]`));
  const arrived = (t: Ticket, count: number) =>
    waitFor(`${count} mail(s) about ${t.number}`, async () => {
      const mails = mailsAbout(t);
      return mails.length >= count ? mails : undefined;
    });
  const rowsOf = (t: Ticket) => desk.db.selectFrom('mail_messages').selectAll().where('ticket_id', '=', t.id).orderBy('id').execute();
  const jobOf = async (mailId: number) => {
    const rows = await desk.db.selectFrom('jobs').selectAll().where('kind', '=', sendMailJob.name).execute();
    return rows.find((r) => JSON.parse(r.payload).mailId === mailId)!;
  };
  const header = (r: Received, name: string) => r.mail.headers.get(name);
  /** Lets the engine run whatever is due, then proves nothing more arrived about the ticket. */
  const settle = () => new Promise((r) => setTimeout(r, 400));

  it('acknowledging mails the requester the restatement and the promise, with Message-ID, Reply-To and Auto-Submitted', async () => {
    const t = await createTicket(requester.api, { subject: 'Outlook keeps asking for my password' });
    const promise = inMinutes(90);
    await agent.api.acknowledge(t.id, { restatement: 'Outlook prompts for your password every few minutes', nextUpdateAt: promise }, t.version);
    const [mail] = await arrived(t, 1);
    const [row] = await rowsOf(t);
    expect(mail!.to).toEqual([requester.person.email]);
    expect(mail!.mail.subject).toBe(`[${t.number}] We are on it: Outlook keeps asking for my password`);
    expect(mail!.mail.text).toContain('Outlook prompts for your password every few minutes');
    expect(mail!.mail.text).toContain(new Intl.DateTimeFormat('en-GB', { dateStyle: 'full', timeStyle: 'short', timeZone: 'UTC' }).format(Date.parse(promise)));
    expect(mail!.mail.messageId).toBe(`<${row!.message_id}>`);
    expect(row!.message_id).toMatch(new RegExp(`^${t.number.toLowerCase()}\\.[0-9a-f]{20}@${DOMAIN}$`));
    expect(mail!.mail.replyTo?.value[0]?.address).toMatch(new RegExp(`^support\\+[a-z2-7]{24}@${DOMAIN}$`));
    expect(header(mail!, 'auto-submitted')).toBe('auto-generated');
    expect(mail!.mail.inReplyTo).toBeUndefined();
    await waitFor('the row to be marked sent', async () => (await rowsOf(t))[0]!.status === 'sent');
  });

  it('a staff reply threads on the earlier mails; an internal note sends nothing', async () => {
    const t = await createTicket(requester.api);
    const acked = await acknowledge(agent.api, t);
    const [ack] = await arrived(t, 1);
    const noted = await agent.api.comment(t.id, { body: 'Internal: user is on the old VPN profile', visibility: 'internal' }, acked.version);
    const replied = await agent.api.comment(t.id, { body: 'Please restart the VPN client and try again.', visibility: 'public' }, noted.version);
    const [, first] = await arrived(t, 2);
    expect(first!.mail.inReplyTo).toBe(ack!.mail.messageId);
    expect(header(first!, 'auto-submitted')).toBe('no');
    expect(first!.mail.text).toContain('Sam Achterberg wrote:');
    expect(first!.mail.text).toContain('Please restart the VPN client and try again.');
    await agent.api.comment(t.id, { body: 'Did the restart help?', visibility: 'public' }, replied.version);
    const [, , second] = await arrived(t, 3);
    expect(second!.mail.inReplyTo).toBe(first!.mail.messageId);
    expect(second!.mail.references).toEqual([ack!.mail.messageId, first!.mail.messageId]);
    expect(second!.mail.replyTo?.text).toBe(ack!.mail.replyTo?.text);
    await settle();
    expect(mailsAbout(t)).toHaveLength(3);
    expect(smtp.received.some((r) => r.raw.includes('old VPN profile'))).toBe(false);
  });

  it('pending on the requester, restore and resolution mail them; the resolution links to the portal page', async () => {
    const t = await createTicket(requester.api);
    const acked = await acknowledge(agent.api, t);
    const started = await agent.api.start(t.id, acked.version);
    const pended = await agent.api.pend(t.id, { reason: 'user', note: 'Which laptop model do you use?' }, started.version);
    await arrived(t, 2);
    const resumed = await requester.api.comment(t.id, { body: 'A ThinkPad T14', visibility: 'public' }, pended.version);
    const restored = await agent.api.restore(t.id, { workaround: 'Use the web client at https://vpn.example.test for now' }, resumed.version);
    await agent.api.resolve(t.id, RESOLUTION, restored.version);
    const mails = await arrived(t, 4);
    expect(mails.map((m) => m.mail.subject?.split(':')[0])).toEqual([`[${t.number}] We are on it`, `[${t.number}] We need something from you`, `[${t.number}] You can work again`, `[${t.number}] Resolved`]);
    expect(mails[1]!.mail.text).toContain('Which laptop model do you use?');
    expect(mails[2]!.mail.text).toContain('Use the web client at https://vpn.example.test for now');
    const page = `${desk.ctx.config.publicUrl}/portal/tickets/${t.number}`;
    expect(mails[3]!.mail.text).toContain(RESOLUTION.resolution);
    expect(mails[3]!.mail.text).toMatch(/confirm/i);
    expect(mails[3]!.mail.text).toMatch(/reopen/i);
    expect(mails[3]!.mail.html).toContain(`href="${page}"`);
    expect(mails.every((m) => header(m, 'auto-submitted') === 'auto-generated')).toBe(true);
  });

  it('a reply body with markup arrives escaped in the HTML part', async () => {
    const t = await createTicket(requester.api, { subject: 'Subject <b>bold</b> & "quoted"' });
    const acked = await acknowledge(agent.api, t);
    await agent.api.comment(t.id, { body: 'Try this: <script>alert(1)</script> <img src=x onerror=alert(2)>', visibility: 'public' }, acked.version);
    const [, reply] = await arrived(t, 2);
    const html = String(reply!.mail.html);
    expect(html).not.toMatch(/<script|<img|<b>/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(2)&gt;');
    expect(reply!.mail.text).toContain('<script>alert(1)</script>');
  });

  it('a mail queued before a crash is sent by the next engine with the same Message-ID, and only once however often it runs', async () => {
    await engine!.stop();
    engine = undefined;
    const t = await createTicket(requester.api);
    await acknowledge(agent.api, t);
    const [row] = await rowsOf(t);
    expect(row!.status).toBe('queued');
    const job = await jobOf(row!.id);
    expect(job.status).toBe('ready');
    await settle();
    expect(mailsAbout(t)).toHaveLength(0);

    engine = startEngine();
    const [mail] = await arrived(t, 1);
    expect(mail!.mail.messageId).toBe(`<${row!.message_id}>`);
    await waitForStatus(desk.db, job.id, 'done');
    const run = { id: job.id, attempt: 2, runAt: Date.now(), dedupeKey: job.dedupe_key, signal: new AbortController().signal };
    await sendMailJob.handle({ mailId: row!.id }, run, desk.ctx);
    await sendMailJob.handle({ mailId: row!.id }, { ...run, attempt: 3 }, desk.ctx);
    await settle();
    expect(mailsAbout(t)).toHaveLength(1);
  });

  it('a temporary refusal is retried; a permanent one dead-letters the job with the error recorded', async () => {
    smtp.refuseWith = 451;
    const t = await createTicket(requester.api);
    await acknowledge(agent.api, t);
    const [row] = await rowsOf(t);
    const job = await jobOf(row!.id);
    const refusal = await waitFor('a refused attempt', async () => (await rowsOf(t)).find((r) => r.status === 'failed'));
    expect(refusal.last_error).toContain('451');
    smtp.refuseWith = null;
    const done = await waitForStatus(desk.db, job.id, 'done');
    expect(done.attempts).toBeGreaterThanOrEqual(2);
    expect((await rowsOf(t))[0]!.status).toBe('sent');
    expect(mailsAbout(t)).toHaveLength(1);

    smtp.refuseWith = 550;
    const u = await createTicket(requester.api);
    await acknowledge(agent.api, u);
    const [refused] = await rowsOf(u);
    const dead = await waitForStatus(desk.db, (await jobOf(refused!.id)).id, 'dead');
    expect(dead.attempts).toBe(3);
    expect(dead.last_error).toContain('550');
    const after = (await rowsOf(u))[0]!;
    expect(after.status).toBe('failed');
    expect(after.last_error).toContain('550');
    expect(mailsAbout(u)).toHaveLength(0);
  });

  it('a deactivated requester, or a desk without an SMTP server, gets no mail: the row says why', async () => {
    const leaver = await signedIn(desk, { name: 'Leo Leaver' });
    const t = await createTicket(leaver.api);
    await desk.db.updateTable('users').set({ disabled_at: Date.now() }).where('id', '=', leaver.person.id).execute();
    await acknowledge(agent.api, t);
    const [row] = await rowsOf(t);
    expect(row).toMatchObject({ status: 'skipped', last_error: 'the requester is deactivated' });
    expect(await desk.db.selectFrom('jobs').select('id').where('dedupe_key', 'like', `mail:ticket:${t.id}:%`).execute()).toEqual([]);

    const smtpUrl = desk.ctx.config.mail.smtpUrl;
    desk.ctx.config.mail = { ...desk.ctx.config.mail, smtpUrl: undefined };
    try {
      const u = await createTicket(requester.api);
      await acknowledge(agent.api, u);
      expect((await rowsOf(u))[0]).toMatchObject({ status: 'skipped', last_error: expect.stringContaining('DESKSIDE_SMTP_URL is not set') });
    } finally {
      desk.ctx.config.mail = { ...desk.ctx.config.mail, smtpUrl };
    }
    await settle();
    expect(smtp.received.filter((r) => r.mail.subject?.includes(`[${t.number}]`))).toEqual([]);
  });

  it('caps automatic mail per address and day, so a loop past the auto-reply filter stops; a person\'s reply still goes', async () => {
    const looping = await signedIn(desk, { name: 'Otto Autoresponder' });
    desk.ctx.config.mail = { ...desk.ctx.config.mail, dailyAutoCap: 2 };
    try {
      const tickets = [];
      for (let i = 0; i < 3; i++) tickets.push(await acknowledge(agent.api, await createTicket(looping.api, { subject: `Loop ${i}` })));
      const rows = await desk.db.selectFrom('mail_messages').selectAll().where('person_id', '=', looping.person.id).orderBy('id').execute();
      expect(rows.map((r) => r.status === 'skipped')).toEqual([false, false, true]);
      expect(rows[2]!.last_error).toMatch(/^2 automatic mails to this address in 24 hours/);
      await agent.api.comment(tickets[2]!.id, { body: 'Answering you myself.', visibility: 'public' }, tickets[2]!.version);
      const [reply] = await arrived(tickets[2]!, 1);
      expect(reply!.mail.text).toContain('Answering you myself.');
      expect(reply!.mail.headers.get('auto-submitted') ?? 'no').toBe('no');
    } finally {
      desk.ctx.config.mail = { ...desk.ctx.config.mail, dailyAutoCap: undefined };
    }
  });

  it('a use case that rolls back queues no mail', async () => {
    const t = await createTicket(requester.api);
    const actor = { id: agent.person.id, name: agent.person.name, email: agent.person.email, role: agent.person.role, groupIds: agent.person.groupIds, scopes: null };
    await expect(
      desk.db.transaction().execute(async (tx) => {
        const ticket = await loadTicketFor(tx, actor, t.id, 'acknowledge');
        await acknowledgeTicket({ tx, actor, now: Date.now(), mail: mailOriginOf(desk.ctx.config) }, ticket, { restatement: 'Rolled back', nextUpdateAt: inMinutes(60) });
        expect(await tx.selectFrom('mail_messages').select('id').where('ticket_id', '=', t.id).execute()).toHaveLength(1);
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    expect(await rowsOf(t)).toEqual([]);
    await settle();
    expect(mailsAbout(t)).toHaveLength(0);
  });
});

describe('outbound mail configuration', () => {
  it('defaults the domain to PUBLIC_URL, refuses other schemes and never shows the SMTP password', () => {
    const config = readConfig({ PUBLIC_URL: 'https://Desk.Example.org', DESKSIDE_SMTP_URL: 'smtps://desk:s3cret-pass@mail.example.org:465' });
    expect(config.mail).toMatchObject({ domain: 'desk.example.org', from: 'IT Support <support@desk.example.org>' });
    expect(redactUrl(config.mail.smtpUrl!)).toBe('smtps://desk:***@mail.example.org:465');
    expect(() => readConfig({ DESKSIDE_SMTP_URL: 'http://user:s3cret-pass@mail.example.org' })).toThrow(/smtp:\/\/ or smtps:\/\/, got http:\/\/user:\*\*\*@/);
  });
});
