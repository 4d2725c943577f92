import type { MailTemplateList } from '@deskside/shared';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startJobEngine, type JobEngine } from '../src/jobs/index.js';
import { sendMailJob } from '../src/modules/mail/index.js';
import { describeEachDialect } from './support/dialects.js';
import { waitFor } from './support/jobs.js';
import { signedIn, type SessionClient } from './support/people.js';
import { startSmtpSink, type SmtpSink } from './support/smtp-sink.js';
import { useTestDesk } from './support/test-desk.js';
import { acknowledge, createTicket } from './support/tickets.js';

describeEachDialect('admin-edited mail templates', (dialect) => {
  const desk = useTestDesk(dialect);
  let smtp: SmtpSink;
  let engine: JobEngine;
  let admin: SessionClient;
  let agent: SessionClient;
  let requester: SessionClient;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    desk.ctx.config.mail = { ...desk.ctx.config.mail, smtpUrl: smtp.url };
    engine = startJobEngine(desk.ctx, { kinds: [sendMailJob], pollMs: 50 });
    admin = (await signedIn(desk, { role: 'admin' })).api;
    agent = (await signedIn(desk, { role: 'agent', groupNames: ['Service Desk'] })).api;
    requester = (await signedIn(desk, { name: 'Mara <b>Lindqvist</b>' })).api;
  });
  afterAll(async () => {
    await engine?.stop();
    await smtp?.close();
  });

  const put = (api: SessionClient, kind: string, body: unknown) =>
    api.raw(`/api/v1/admin/mail-templates/${kind}`, { method: 'PUT', body: JSON.stringify(body), csrf: true });

  it('an admin template shapes the mail; every value is escaped in the HTML part and the ticket URL is a link', async () => {
    const res = await put(admin, 'acknowledgement', {
      subject: '[{{ticketNumber}}] Got it: {{ ticketSubject }}',
      text: 'Hi {{requesterName}},\n\nWe read it as: {{restatement}}\n\nNext update by {{nextUpdateAt}}.\n\nSee {{ticketUrl}}',
    });
    expect(res.status).toBe(200);
    const list = (await res.json()) as MailTemplateList;
    expect(list.items.find((t) => t.kind === 'acknowledgement')).toMatchObject({ custom: true, placeholders: expect.arrayContaining(['restatement']) });

    const t = await createTicket(requester, { subject: 'VPN <script>alert(1)</script>' });
    await acknowledge(agent, t);
    const mail = await waitFor('the templated acknowledgement', async () => smtp.received.find((r) => r.mail.subject?.startsWith(`[${t.number}]`)));
    expect(mail.mail.subject).toBe(`[${t.number}] Got it: VPN <script>alert(1)</script>`);
    expect(mail.mail.text).toContain('Hi Mara <b>Lindqvist</b>,');
    expect(mail.mail.text).toContain('We read it as: You cannot connect to the VPN from home');
    const html = String(mail.mail.html);
    expect(html).not.toMatch(/<script|<b>/i);
    expect(html).toContain('Hi Mara &lt;b&gt;Lindqvist&lt;/b&gt;,');
    const url = `${desk.ctx.config.publicUrl}/portal/tickets/${t.number}`;
    expect(html).toContain(`<a href="${url}">${url}</a>`);
    expect(mail.mail.headers.get('auto-submitted')).toBe('auto-generated');

    const reset = await admin.raw('/api/v1/admin/mail-templates/acknowledgement', { method: 'DELETE', csrf: true });
    expect(((await reset.json()) as MailTemplateList).items.find((x) => x.kind === 'acknowledgement')).toMatchObject({ custom: false, subject: null, text: null });
  });

  it('refuses an unknown placeholder with 422, and anyone but an admin', async () => {
    const bad = await put(admin, 'resolved', { subject: 'Done {{ticketNumber}}', text: 'Fixed: {{resolution}} by {{assigneeEmail}}' });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { detail: string }).detail).toMatch(/^text: unknown placeholder \{\{assigneeEmail\}\}/);
    const wrongKind = await put(admin, 'pending_on_you', { subject: '{{restatement}}', text: 'x' });
    expect(wrongKind.status).toBe(422);
    expect((await put(agent, 'resolved', { subject: 'Done', text: 'Fixed' })).status).toBe(403);
    expect((await put(admin, 'no_such_kind', { subject: 'Done', text: 'Fixed' })).status).toBe(400);
    const list = (await (await admin.raw('/api/v1/admin/mail-templates')).json()) as MailTemplateList;
    expect(list.items.every((x) => !x.custom)).toBe(true);
  });
});
