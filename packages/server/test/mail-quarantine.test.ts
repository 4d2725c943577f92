import type { QuarantineList, ReprocessResult } from '@deskside/shared';
import { beforeAll, expect, it } from 'vitest';
import { mailOriginOf } from '../src/modules/mail/index.js';
import { ingestInboundMessage, type IngestDeps } from '../src/modules/mail/ingest/index.js';
import { describeEachDialect } from './support/dialects.js';
import { createPerson, signedIn, type SessionClient } from './support/people.js';
import { useTestDesk } from './support/test-desk.js';

const DOMAIN = 'example.org';
const MAILBOX = `support@${DOMAIN}`;

describeEachDialect('quarantined inbound mail for admins', (dialect) => {
  const desk = useTestDesk(dialect);
  let deps: IngestDeps;
  let admin: SessionClient;
  beforeAll(async () => {
    desk.ctx.config.mail = { smtpUrl: undefined, from: `IT Support <${MAILBOX}>`, domain: DOMAIN };
    deps = { db: desk.db, now: desk.ctx.now, mailboxAddresses: [MAILBOX], mail: mailOriginOf(desk.ctx.config) };
    admin = (await signedIn(desk, { role: 'admin' })).api;
  });

  const post = (path: string) => admin.raw(path, { method: 'POST', csrf: true });
  const list = async () => {
    const res = await admin.raw('/api/v1/admin/mail-quarantine');
    expect(res.status).toBe(200);
    return ((await res.json()) as QuarantineList).items;
  };
  const eml = (headers: Record<string, string>, body: string) =>
    [...Object.entries(headers).map(([k, v]) => `${k}: ${v}`), 'MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8', '', body, ''].join('\r\n');
  const poison = (tag: string) => {
    const lines = [`From: Deep Sender <deep-${tag}@example.com>`, `To: ${MAILBOX}`, `Subject: =?utf-8?q?Tief_verschachtelt_=C3=BC?= ${tag}`, 'Date: Sun, 29 Nov 2026 10:00:00 +0000', 'MIME-Version: 1.0', 'Content-Type: multipart/mixed; boundary="b0"', ''];
    for (let level = 1; level < 30; level++) lines.push(`--b${level - 1}`, `Content-Type: multipart/mixed; boundary="b${level}"`, '');
    lines.push('--b29', 'Content-Type: text/html', '', '<script>alert(1)</script>innermost', '--b29--');
    return Buffer.from(lines.join('\r\n'));
  };
  const rowOf = (id: number) => desk.db.selectFrom('mail_quarantine').selectAll().where('id', '=', id).executeTakeFirst();

  it('lists poison for admins with headers read lightly and no body; agents get 403; discard removes it', async () => {
    expect(await ingestInboundMessage(deps, MAILBOX, poison('one'))).toMatchObject({ outcome: 'quarantined', reason: expect.stringMatching(/^poison: too-deep/) });
    const held = (await list()).find((m) => m.from === 'Deep Sender <deep-one@example.com>');
    expect(held).toMatchObject({
      mailbox: MAILBOX, subject: 'Tief verschachtelt ü one', date: 'Sun, 29 Nov 2026 10:00:00 +0000', attempts: 1,
      reason: expect.stringMatching(/^poison: too-deep/), size: poison('one').length, createdAt: expect.any(String),
    });
    expect(JSON.stringify(held)).not.toContain('innermost');
    expect(Object.keys(held!)).not.toContain('raw');

    for (const role of ['agent', 'lead', 'requester'] as const) {
      const { api } = await signedIn(desk, { role, groupNames: role === 'requester' ? [] : ['Service Desk'] });
      expect((await api.raw('/api/v1/admin/mail-quarantine')).status).toBe(403);
      expect((await api.raw(`/api/v1/admin/mail-quarantine/${held!.id}/reprocess`, { method: 'POST', csrf: true })).status).toBe(403);
      expect((await api.raw(`/api/v1/admin/mail-quarantine/${held!.id}/discard`, { method: 'POST', csrf: true })).status).toBe(403);
    }

    expect((await post(`/api/v1/admin/mail-quarantine/${held!.id}/discard`)).status).toBe(204);
    expect(await rowOf(held!.id)).toBeUndefined();
    expect((await list()).map((m) => m.id)).not.toContain(held!.id);
    expect((await post(`/api/v1/admin/mail-quarantine/${held!.id}/discard`)).status).toBe(404);
    expect((await post(`/api/v1/admin/mail-quarantine/${held!.id}/reprocess`)).status).toBe(404);
    expect((await post('/api/v1/admin/mail-quarantine/999999/reprocess')).status).toBe(404);
  });

  it('re-processing still-poison mail keeps it, one attempt more', async () => {
    await ingestInboundMessage(deps, MAILBOX, poison('two'));
    const held = (await list()).find((m) => m.from === 'Deep Sender <deep-two@example.com>')!;
    const res = await post(`/api/v1/admin/mail-quarantine/${held.id}/reprocess`);
    expect(res.status).toBe(200);
    const result = (await res.json()) as ReprocessResult;
    expect(result).toMatchObject({ outcome: 'quarantined', ticketId: null, message: { id: held.id, attempts: 2, reason: expect.stringMatching(/^poison: too-deep/) } });
    expect(await rowOf(held.id)).toMatchObject({ attempts: 2 });
    expect((await list()).filter((m) => m.from === held.from)).toHaveLength(1);
  });

  it('a message held because its sender was deactivated is filed once they are active again, and leaves quarantine', async () => {
    const sender = await createPerson(desk, { role: 'requester' });
    await desk.db.updateTable('users').set({ disabled_at: Date.now() }).where('id', '=', sender.id).execute();
    const raw = Buffer.from(eml({ From: sender.email, To: MAILBOX, Subject: 'Laptop will not boot', 'Message-ID': `<held-${sender.id}@example.com>` }, 'Black screen after the logo.'));
    expect(await ingestInboundMessage(deps, MAILBOX, raw)).toEqual({ outcome: 'quarantined', reason: 'the sender is deactivated' });
    const held = (await list()).find((m) => m.from === sender.email)!;
    expect(held).toMatchObject({ reason: 'the sender is deactivated', subject: 'Laptop will not boot', attempts: 1 });

    // Still deactivated: held again, one attempt more, nothing filed.
    const again = (await (await post(`/api/v1/admin/mail-quarantine/${held.id}/reprocess`)).json()) as ReprocessResult;
    expect(again).toMatchObject({ outcome: 'quarantined', message: { id: held.id, attempts: 2, reason: 'the sender is deactivated' } });
    const ticketsOf = () => desk.db.selectFrom('tickets').selectAll().where('requester_id', '=', sender.id).execute();
    expect(await ticketsOf()).toHaveLength(0);

    await desk.db.updateTable('users').set({ disabled_at: null }).where('id', '=', sender.id).execute();
    const res = await post(`/api/v1/admin/mail-quarantine/${held.id}/reprocess`);
    expect(res.status).toBe(200);
    const filed = (await res.json()) as ReprocessResult;
    expect(filed).toMatchObject({ outcome: 'created', message: null });
    const tickets = await ticketsOf();
    expect(tickets).toHaveLength(1);
    expect(filed.ticketId).toBe(tickets[0]!.id);
    expect(tickets[0]).toMatchObject({ subject: 'Laptop will not boot', channel: 'email' });
    expect(await rowOf(held.id)).toBeUndefined();
    const message = await desk.db.selectFrom('mail_messages').selectAll().where('message_id', '=', `held-${sender.id}@example.com`).executeTakeFirstOrThrow();
    expect(message).toMatchObject({ status: 'ticket-created', ticket_id: tickets[0]!.id });

    // Delivered again by the sender after filing: a duplicate, nothing new.
    expect(await ingestInboundMessage(deps, MAILBOX, raw)).toEqual({ outcome: 'duplicate' });
    expect(await ticketsOf()).toHaveLength(1);
  });
});
