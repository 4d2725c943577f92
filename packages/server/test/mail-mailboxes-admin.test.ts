import type { InboundMailStatus, MailMailbox, MailMailboxList, MailMailboxTestResult, Problem } from '@deskside/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachDialect } from './support/dialects.js';
import { dovecotProblem, useDovecot } from './support/dovecot.js';
import { DESK_ADDRESS, freshFolder } from './support/imap-desk.js';
import { signedIn, type SessionClient } from './support/people.js';
import { useTestDesk } from './support/test-desk.js';

const SECRET = 'hunter2-never-shown';
const BASE = '/api/v1/admin/mail-mailboxes';

describeEachDialect('IMAP mailboxes in the admin API', (dialect) => {
  const desk = useTestDesk(dialect);
  let admin: SessionClient;
  beforeAll(async () => {
    admin = (await signedIn(desk, { role: 'admin' })).api;
  });

  const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    admin.raw(path, { method, csrf: method !== 'GET', headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const valid = (overrides: Record<string, unknown> = {}) => ({
    address: DESK_ADDRESS, host: 'imap.example.com', port: 993, tlsMode: 'tls', username: 'support', password: SECRET, folder: freshFolder('INBOX'), ...overrides,
  });
  const problemOf = async (res: Response, status: number) => {
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    return (await res.json()) as Problem;
  };
  const noSecret = async (res: Response) => {
    const text = await res.clone().text();
    expect(text).not.toContain(SECRET);
    expect(text).not.toMatch(/"password"\s*:/);
    return res;
  };

  it('creates, lists, reads and changes a mailbox; the password is write-only', async () => {
    const created = await noSecret(await call('POST', BASE, valid()));
    expect(created.status).toBe(201);
    const mailbox = (await created.json()) as MailMailbox;
    expect(mailbox).toMatchObject({
      address: DESK_ADDRESS, host: 'imap.example.com', port: 993, tlsMode: 'tls', allowInsecure: false, username: 'support', passwordSet: true,
      afterFiling: 'flag', moveTo: null, enabled: true, version: 1,
      status: { lastPollAt: null, lastError: null, lastUidValidity: null, lastUid: null, filedCount: 0, polledBy: null },
    });
    expect(Object.keys(mailbox)).not.toContain('password');

    const listed = await noSecret(await call('GET', BASE));
    expect(((await listed.json()) as MailMailboxList).items.map((m) => m.id)).toContain(mailbox.id);
    await noSecret(await call('GET', `${BASE}/${mailbox.id}`));

    // Without the password in the body the stored one stays.
    const stale = await call('PATCH', `${BASE}/${mailbox.id}`, { port: 1993 }, { 'if-match': '"7"' });
    await problemOf(stale, 412);
    const changed = await noSecret(await call('PATCH', `${BASE}/${mailbox.id}`, { port: 1993, enabled: false }, { 'if-match': '"1"' }));
    expect(changed.status).toBe(200);
    expect(await changed.json()).toMatchObject({ port: 1993, enabled: false, version: 2, passwordSet: true });
    const stored = () => desk.db.selectFrom('mail_mailboxes').select('password').where('id', '=', mailbox.id).executeTakeFirstOrThrow();
    // No DESKSIDE_SECRET_KEY on this desk: stored as given, marked so a key can seal it later.
    expect((await stored()).password).toBe(`plain:${SECRET}`);
    // The stored password never follows the account to another server or username.
    const moved = await call('PATCH', `${BASE}/${mailbox.id}`, { host: 'imap.attacker.example' }, { 'if-match': '2' });
    expect((await problemOf(moved, 422)).errors?.map((e) => e.field)).toContain('password');

    const repassed = await call('PATCH', `${BASE}/${mailbox.id}`, { password: `${SECRET}-2` }, { 'if-match': '2' });
    expect(repassed.status).toBe(200);
    expect(await repassed.text()).not.toContain(`${SECRET}-2`);
    expect((await stored()).password).toBe(`plain:${SECRET}-2`);

    expect((await call('DELETE', `${BASE}/${mailbox.id}`)).status).toBe(204);
    await problemOf(await call('GET', `${BASE}/${mailbox.id}`), 404);
    await problemOf(await call('DELETE', `${BASE}/${mailbox.id}`), 404);
  });

  it('refuses bad settings with problem+json naming the field', async () => {
    const missing = await problemOf(await call('POST', BASE, { address: DESK_ADDRESS }), 400);
    expect(missing.errors?.map((e) => e.field)).toEqual(expect.arrayContaining(['body.host', 'body.port', 'body.tlsMode', 'body.username', 'body.password']));
    const unknown = await problemOf(await call('POST', BASE, { ...valid(), smtp: true }), 400);
    expect(unknown.errors).toEqual([{ field: 'body.smtp', message: 'unknown field' }]);
    expect((await problemOf(await call('POST', BASE, valid({ port: 70000 })), 400)).errors?.[0]?.field).toBe('body.port');
    expect((await problemOf(await call('POST', BASE, valid({ address: 'not an address' })), 400)).errors?.[0]?.field).toBe('body.address');
    expect((await problemOf(await call('POST', BASE, valid({ tlsMode: 'ssl' })), 400)).errors?.[0]?.field).toBe('body.tlsMode');

    // No TLS to another machine sends the password in clear: only with the explicit switch.
    const plain = await problemOf(await call('POST', BASE, valid({ tlsMode: 'none', port: 143 })), 422);
    expect(plain.detail).toMatch(/^tlsMode: /);
    expect((await call('POST', BASE, valid({ tlsMode: 'none', port: 143, allowInsecure: true }))).status).toBe(201);
    expect((await call('POST', BASE, valid({ tlsMode: 'none', host: '127.0.0.1', port: 143 }))).status).toBe(201);
    expect((await call('POST', BASE, valid({ tlsMode: 'none', host: 'localhost', port: 143 }))).status).toBe(201);

    expect((await problemOf(await call('POST', BASE, valid({ afterFiling: 'move' })), 422)).detail).toMatch(/^moveTo: /);
    const folder = freshFolder('same');
    expect((await problemOf(await call('POST', BASE, valid({ folder, afterFiling: 'move', moveTo: folder })), 422)).detail).toMatch(/^moveTo: /);

    // One source folder, one mailbox.
    const twice = valid();
    expect((await call('POST', BASE, twice)).status).toBe(201);
    await problemOf(await call('POST', BASE, twice), 409);

    // An update is checked on the merged settings.
    const created = (await (await call('POST', BASE, valid())).json()) as MailMailbox;
    await problemOf(await call('PATCH', `${BASE}/${created.id}`, { tlsMode: 'none' }), 422);
    await problemOf(await call('PATCH', `${BASE}/${created.id}`, { password: '' }), 400);
  });

  it('shows the SMTP way in read-only', async () => {
    const res = await call('GET', '/api/v1/admin/mail-inbound');
    expect(res.status).toBe(200);
    const status = (await res.json()) as InboundMailStatus;
    expect(status.smtp).toEqual({ listening: false, listen: null, domain: desk.ctx.config.mail.domain });
    expect(status.deskAddress).toBe(`support@${desk.ctx.config.mail.domain}`);
  });

  it('is for admins only: staff and requesters get 403', async () => {
    const mailbox = (await (await call('POST', BASE, valid())).json()) as MailMailbox;
    for (const role of ['agent', 'lead', 'requester'] as const) {
      const { api } = await signedIn(desk, { role, groupNames: role === 'requester' ? [] : ['Service Desk'] });
      const as = (method: string, path: string, body?: unknown) => api.raw(path, { method, csrf: method !== 'GET', body: body === undefined ? undefined : JSON.stringify(body) });
      expect((await as('GET', BASE)).status).toBe(403);
      expect((await as('GET', `${BASE}/${mailbox.id}`)).status).toBe(403);
      expect((await as('POST', BASE, valid())).status).toBe(403);
      expect((await as('PATCH', `${BASE}/${mailbox.id}`, { enabled: false })).status).toBe(403);
      expect((await as('DELETE', `${BASE}/${mailbox.id}`)).status).toBe(403);
      expect((await as('POST', `${BASE}/${mailbox.id}/test`)).status).toBe(403);
      expect((await as('GET', '/api/v1/admin/mail-inbound')).status).toBe(403);
    }
    expect((await call('GET', `${BASE}/${mailbox.id}`)).status).toBe(200);
  });

  it('documents the routes in OpenAPI without any password in a response', async () => {
    const doc = (await (await desk.fetch(`${desk.baseUrl}/api/v1/openapi.json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
      components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
    };
    expect(Object.keys(doc.paths[BASE] ?? {}).sort()).toEqual(['get', 'post']);
    expect(Object.keys(doc.paths[`${BASE}/{id}`] ?? {}).sort()).toEqual(['delete', 'get', 'patch']);
    expect(doc.paths[`${BASE}/{id}/test`]).toHaveProperty('post');
    expect(Object.keys(doc.components.schemas.MailMailbox?.properties ?? {})).toContain('passwordSet');
    expect(Object.keys(doc.components.schemas.MailMailbox?.properties ?? {})).not.toContain('password');
  });

  describe.skipIf(dovecotProblem !== null)('test connection against a real IMAP server', () => {
    const dovecot = useDovecot();

    it('logs in and reports the folder; a wrong password is told without echoing it', async () => {
      const folder = freshFolder('conn');
      await dovecot.append(folder, 'From: a@example.com\r\nSubject: one\r\n\r\nbody\r\n');
      const good = (await (await call('POST', BASE, valid({ host: dovecot.host, port: dovecot.port, tlsMode: 'none', username: dovecot.user, password: dovecot.password, folder }))).json()) as MailMailbox;
      const ok = await call('POST', `${BASE}/${good.id}/test`);
      expect(ok.status).toBe(200);
      expect(await ok.json()).toMatchObject({ ok: true, error: null, messages: 1, idle: true, uidValidity: await dovecot.uidValidity(folder) } satisfies Partial<MailMailboxTestResult>);

      const wrong = (await (await call('POST', BASE, valid({ host: dovecot.host, port: dovecot.port, tlsMode: 'none', username: dovecot.user, password: SECRET, folder: `${folder}-x` }))).json()) as MailMailbox;
      const refused = await noSecret(await call('POST', `${BASE}/${wrong.id}/test`));
      expect(await refused.json()).toMatchObject({ ok: false, error: expect.stringMatching(/authentication failed/), messages: null });

      const missing = (await (await call('POST', BASE, valid({ host: dovecot.host, port: dovecot.port, tlsMode: 'none', username: dovecot.user, password: dovecot.password, folder: 'No-Such-Folder' }))).json()) as MailMailbox;
      expect(await (await call('POST', `${BASE}/${missing.id}/test`)).json()).toMatchObject({ ok: false, error: expect.stringMatching(/No-Such-Folder|exist/i) });

      await problemOf(await call('POST', `${BASE}/999999/test`), 404);
    });

    it('with DESKSIDE_SECRET_KEY the password is sealed at rest and still logs in; another key cannot open it', async () => {
      const folder = freshFolder('sealed');
      await dovecot.append(folder, 'From: a@example.com\r\nSubject: one\r\n\r\nbody\r\n');
      desk.ctx.config.secretKey = 'k'.repeat(40);
      try {
        const sealed = (await (await call('POST', BASE, valid({ host: dovecot.host, port: dovecot.port, tlsMode: 'none', username: dovecot.user, password: dovecot.password, folder }))).json()) as MailMailbox;
        const row = await desk.db.selectFrom('mail_mailboxes').select('password').where('id', '=', sealed.id).executeTakeFirstOrThrow();
        expect(row.password.startsWith('aes-256-gcm:')).toBe(true);
        expect(row.password).not.toContain(dovecot.password);
        expect(await (await call('POST', `${BASE}/${sealed.id}/test`)).json()).toMatchObject({ ok: true });
        desk.ctx.config.secretKey = 'o'.repeat(40);
        expect(await (await call('POST', `${BASE}/${sealed.id}/test`)).json()).toMatchObject({ ok: false, error: expect.stringMatching(/does not open/) });
      } finally {
        desk.ctx.config.secretKey = undefined;
      }
    });
  });
});
