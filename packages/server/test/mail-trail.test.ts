import { beforeAll, expect, it } from 'vitest';
import type { TicketMailList } from '@deskside/shared';
import { mailOriginOf } from '../src/modules/mail/index.js';
import { ingestInboundMessage, type IngestDeps } from '../src/modules/mail/ingest/index.js';
import { describeEachDialect } from './support/dialects.js';
import { signedIn, type SessionClient, type TestPerson } from './support/people.js';
import { useTestDesk } from './support/test-desk.js';
import { inMinutes } from './support/tickets.js';

const DOMAIN = 'example.org';

describeEachDialect("a ticket's mail trail", (dialect) => {
  const desk = useTestDesk(dialect);
  let deps: IngestDeps;
  let agent: SessionClient;
  let requester: { person: TestPerson; api: SessionClient };
  let ticketId: number;

  const html = (tracker: string) =>
    `<p>The <b>scanner</b> is offline.</p><img src="${tracker}" alt="logo"><img src="https://cdn.example.net/b.png"><script>alert(1)</script><p onclick="x()">&lt;img src=x&gt; data-remote-src="text"</p>`;
  const eml = (from: string, id: string, subject: string) =>
    [
      `From: ${from}`,
      `To: support@${DOMAIN}`,
      `Subject: ${subject}`,
      `Message-ID: <${id}>`,
      'MIME-Version: 1.0',
      'Content-Type: multipart/alternative; boundary="alt"',
      '',
      '--alt',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'The scanner is offline.',
      '--alt',
      'Content-Type: text/html; charset=utf-8',
      '',
      html('https://tracker.example.com/open.gif?u=42'),
      '--alt--',
      '',
    ].join('\r\n');

  beforeAll(async () => {
    desk.ctx.config.mail = { smtpUrl: undefined, from: `IT Support <support@${DOMAIN}>`, domain: DOMAIN };
    deps = { db: desk.db, now: desk.ctx.now, mailboxAddresses: [`support@${DOMAIN}`], mail: mailOriginOf(desk.ctx.config) };
    agent = (await signedIn(desk, { role: 'agent', groupNames: ['Service Desk'] })).api;
    requester = await signedIn(desk, { role: 'requester' });
    const filed = await ingestInboundMessage(deps, `support@${DOMAIN}`, Buffer.from(eml(requester.person.email, 'scanner-1@example.com', 'Scanner offline')));
    if (filed.outcome !== 'created') throw new Error(`expected a ticket, got ${filed.outcome}`);
    ticketId = filed.ticketId;
    const ticket = await agent.getTicket(ticketId);
    await agent.acknowledge(ticketId, { restatement: 'The floor scanner is offline', nextUpdateAt: inMinutes(30) }, ticket.version);
  });

  it('lists what came in and what the desk queued, in order, for staff', async () => {
    const { items } = await agent.request<TicketMailList>('GET', `/api/v1/tickets/${ticketId}/mail`);
    expect(items.map((m) => [m.direction, m.kind, m.status])).toEqual([
      ['in', 'inbound', 'ticket-created'],
      // No SMTP server configured here: recorded, and said why.
      ['out', 'acknowledgement', 'skipped'],
    ]);
    expect(items[0]).toMatchObject({ from: requester.person.email, hasHtml: true, remoteImages: 2, automatic: false });
    expect(items[1]!.automatic).toBe(true);
    expect(items[1]!.note).toMatch(/SMTP/i);
  });

  it('serves the original inert, in its own sandbox, with remote images blocked until asked', async () => {
    const { items } = await agent.request<TicketMailList>('GET', `/api/v1/tickets/${ticketId}/mail`);
    const path = `/api/v1/tickets/${ticketId}/mail/${items[0]!.id}/original`;
    const blocked = await agent.raw(path);
    expect(blocked.status).toBe(200);
    expect(blocked.headers.get('content-type')).toMatch(/^text\/html/);
    const policy = blocked.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("default-src 'none'");
    expect(policy).toMatch(/(^|; )sandbox( |;|$)/);
    expect(policy).not.toContain('allow-scripts');
    expect(policy).toMatch(/img-src data:;/);
    expect(blocked.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(blocked.headers.get('referrer-policy')).toBe('no-referrer');
    const page = await blocked.text();
    expect(page).toContain('<b>scanner</b>');
    expect(page).not.toMatch(/<script|onclick|\ssrc="https/);
    expect(page).toContain('data-remote-src="https://tracker.example.com/open.gif?u=42"');

    const shown = await agent.raw(`${path}?images=shown`);
    expect(shown.headers.get('content-security-policy')).toMatch(/img-src data: https: http:;/);
    const withImages = await shown.text();
    expect(withImages).toContain('src="https://tracker.example.com/open.gif?u=42"');
    expect(withImages).toContain('src="https://cdn.example.net/b.png"');
    // Text that merely looks like an attribute stays text.
    expect(withImages).toContain('&lt;img src=x&gt; data-remote-src="text"');
  });

  it('answers 404 to the requester, for another ticket, and for a bad images value 400', async () => {
    expect((await requester.api.raw(`/api/v1/tickets/${ticketId}/mail`)).status).toBe(404);
    const { items } = await agent.request<TicketMailList>('GET', `/api/v1/tickets/${ticketId}/mail`);
    expect((await requester.api.raw(`/api/v1/tickets/${ticketId}/mail/${items[0]!.id}/original`)).status).toBe(404);
    const other = await agent.createTicket({ type: 'incident', subject: 'Other', description: 'Another ticket', impact: 3, urgency: 3, requesterId: requester.person.id });
    expect((await agent.raw(`/api/v1/tickets/${other.id}/mail/${items[0]!.id}/original`)).status).toBe(404);
    expect((await agent.raw(`/api/v1/tickets/${ticketId}/mail/${items[0]!.id}/original?images=all`)).status).toBe(400);
  });
});
