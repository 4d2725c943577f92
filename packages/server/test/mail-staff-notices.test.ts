import { afterAll, beforeAll, expect, it } from 'vitest';
import { startJobEngine, type JobEngine } from '../src/jobs/index.js';
import { mailOriginOf, sendMailJob } from '../src/modules/mail/index.js';
import { ingestInboundMessage } from '../src/modules/mail/ingest/index.js';
import { notifyJob, notifySlaWarning } from '../src/modules/notifications/index.js';
import { describeEachDialect } from './support/dialects.js';
import { waitFor } from './support/jobs.js';
import { signedIn, type SessionClient, type TestPerson } from './support/people.js';
import { startSmtpSink, type SmtpSink } from './support/smtp-sink.js';
import { useTestDesk } from './support/test-desk.js';
import { createTicket } from './support/tickets.js';

const DOMAIN = 'desk.example.test';

describeEachDialect('SLA notices by e-mail to staff', (dialect) => {
  const desk = useTestDesk(dialect);
  let smtp: SmtpSink;
  let engine: JobEngine;
  let agent: { person: TestPerson; api: SessionClient };
  let requester: { person: TestPerson; api: SessionClient };

  beforeAll(async () => {
    smtp = await startSmtpSink();
    desk.ctx.config.mail = { smtpUrl: smtp.url, from: `IT Support <support@${DOMAIN}>`, domain: DOMAIN };
    engine = startJobEngine(desk.ctx, { kinds: [notifyJob, sendMailJob], pollMs: 50, backoffMs: 50 });
    agent = await signedIn(desk, { role: 'agent', groupNames: ['Service Desk'], name: 'Sam Achterberg' });
    requester = await signedIn(desk, { name: 'Mara Lindqvist' });
  });
  afterAll(async () => {
    await engine?.stop();
    await smtp?.close();
  });

  it('a breach reaches the agent by mail once, off the requester’s thread; replying to it does not touch the ticket', async () => {
    const t = await createTicket(requester.api, { subject: 'Badge reader at door 2 rejects everyone' });
    const notice = { ticket: { id: t.id, number: t.number, subject: t.subject }, recipientIds: [agent.person.id], target: 'firstResponse' as const, stage: 'breach' as const, dueAt: Date.now() - 1000 };
    // The SLA engine calls this on every sweep that still sees the breach: one mail all the same.
    for (let i = 0; i < 3; i++) await desk.db.transaction().execute((tx) => notifySlaWarning(tx, { ...notice, now: Date.now() }));
    const [mail] = await waitFor('the breach notice mail', async () => {
      const mails = smtp.received.filter((r) => r.to.includes(agent.person.email));
      return mails.length > 0 ? mails : undefined;
    });
    expect(mail!.mail.subject).toBe(`${t.number}: first response target breached`);
    expect(mail!.mail.headers.get('auto-submitted')).toBe('auto-generated');
    expect(mail!.mail.inReplyTo).toBeUndefined();
    expect(mail!.mail.text).toContain(`/desk/tickets/${t.number}`);
    expect(mail!.mail.text).toContain('Badge reader at door 2 rejects everyone');
    await new Promise((r) => setTimeout(r, 400));
    expect(smtp.received.filter((r) => r.to.includes(agent.person.email))).toHaveLength(1);
    expect(smtp.received.filter((r) => r.to.includes(requester.person.email))).toHaveLength(0);

    // Not part of the ticket's thread: its mail trail and the requester's References never name it.
    const onTicket = await desk.db.selectFrom('mail_messages').select('kind').where('ticket_id', '=', t.id).execute();
    expect(onTicket.map((r) => r.kind)).not.toContain('staff_notice');

    // The agent (made assignee, so a participant) answers the notice from their mail client.
    await desk.db.updateTable('tickets').set({ assignee_id: agent.person.id }).where('id', '=', t.id).execute();
    const reply = [
      `From: Sam Achterberg <${agent.person.email}>`,
      `To: support@${DOMAIN}`,
      `Subject: Re: ${mail!.mail.subject}`,
      'Message-ID: <sam-answers-notice@example.test>',
      `In-Reply-To: ${mail!.mail.messageId}`,
      'Content-Type: text/plain; charset=utf-8',
      '',
      'On it, internal: the reader firmware is broken again.',
      '',
    ].join('\r\n');
    const deps = { db: desk.db, now: desk.ctx.now, mailboxAddresses: [`support@${DOMAIN}`], mail: mailOriginOf(desk.ctx.config) };
    const outcome = await ingestInboundMessage(deps, `support@${DOMAIN}`, Buffer.from(reply));
    expect(outcome).toEqual({ outcome: 'quarantined', reason: 'a reply to a staff notice: answer on the desk instead' });
    const replies = await desk.db.selectFrom('ticket_events').select('type').where('ticket_id', '=', t.id).where('type', '=', 'public_reply').execute();
    expect(replies).toEqual([]);
  });

  it('a desk without an SMTP server records the notice mail as not sent, and the bell still has it', async () => {
    const smtpUrl = desk.ctx.config.mail.smtpUrl;
    desk.ctx.config.mail = { ...desk.ctx.config.mail, smtpUrl: undefined };
    try {
      const t = await createTicket(requester.api, { subject: 'Wi-Fi in room 4 drops' });
      await desk.db.transaction().execute((tx) =>
        notifySlaWarning(tx, { ticket: { id: t.id, number: t.number, subject: t.subject }, recipientIds: [agent.person.id], target: 'restore', stage: 'warning', dueAt: Date.now() + 60_000, now: Date.now() }),
      );
      const row = await waitFor('the skipped notice', () =>
        desk.db.selectFrom('mail_messages').selectAll().where('kind', '=', 'staff_notice').where('subject', 'like', `${t.number}%`).executeTakeFirst(),
      );
      expect(row).toMatchObject({ status: 'skipped', last_error: expect.stringContaining('DESKSIDE_SMTP_URL') });
      const bell = await agent.api.notifications({ limit: 50 });
      expect(bell.items.some((n) => n.ticketId === t.id && n.kind === 'sla.warning')).toBe(true);
    } finally {
      desk.ctx.config.mail = { ...desk.ctx.config.mail, smtpUrl };
    }
  });
});
