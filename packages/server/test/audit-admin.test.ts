import type { AuditList, AuditRecord, AuditVerification } from '@deskside/shared';
import { beforeAll, expect, it } from 'vitest';
import { canonicalJson, linkHash } from '../src/modules/audit/index.js';
import { appendOne, dropAuditGuards, sampleEntry } from './support/audit.js';
import { describeEachDialect } from './support/dialects.js';
import { signedIn, type SessionClient } from './support/people.js';
import { useTestDesk } from './support/test-desk.js';

const parseLines = (text: string) => text.trimEnd().split('\n').filter(Boolean).map((line) => JSON.parse(line) as AuditRecord);

describeEachDialect('the audit log for admins over HTTP', (dialect) => {
  const desk = useTestDesk(dialect);
  let admin: SessionClient;
  const appended: AuditRecord[] = [];
  beforeAll(async () => {
    admin = (await signedIn(desk, { role: 'admin' })).api;
    for (let i = 0; i < 5; i++) appended.push(await appendOne(desk.db, sampleEntry({ requestId: `http-${i}` })));
  });
  const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

  it('lists newest first, keyset-paged by seq, each entry with its links', async () => {
    const page1 = (await (await admin.raw('/api/v1/admin/audit?limit=2')).json()) as AuditList;
    expect(page1.items.map((r) => r.seq)).toEqual([5, 4]);
    expect(page1.items[0]).toEqual(appended[4]);
    const page2 = (await (await admin.raw(`/api/v1/admin/audit?limit=2&before=${page1.nextBefore}`)).json()) as AuditList;
    expect(page2.items.map((r) => r.seq)).toEqual([3, 2]);
    const page3 = (await (await admin.raw(`/api/v1/admin/audit?limit=2&before=${page2.nextBefore}`)).json()) as AuditList;
    expect(page3).toEqual({ items: [appended[0]], nextBefore: null });
    expect((await admin.raw('/api/v1/admin/audit?limit=0')).status).toBe(400);
    expect((await admin.raw('/api/v1/admin/audit?after=3')).status).toBe(400);
  });

  it('exports JSON lines after ?since= whose hashes a SIEM can recompute from the line alone', async () => {
    const res = await admin.raw('/api/v1/admin/audit/export');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/jsonl');
    const lines = parseLines(await res.text());
    expect(lines).toEqual(appended);
    for (const line of lines) expect(linkHash(line.prevHash, canonicalJson(line.entry))).toBe(line.hash);
    expect(lines.slice(1).map((l) => l.prevHash)).toEqual(lines.slice(0, -1).map((l) => l.hash));
    expect(parseLines(await (await admin.raw('/api/v1/admin/audit/export?since=3')).text()).map((l) => l.seq)).toEqual([4, 5]);
    expect(await (await admin.raw('/api/v1/admin/audit/export?since=5')).text()).toBe('');
    expect((await admin.raw('/api/v1/admin/audit/export?since=-1')).status).toBe(400);
  });

  it('verifies the chain on request', async () => {
    const result = (await (await admin.raw('/api/v1/admin/audit/verify')).json()) as AuditVerification;
    expect(result).toEqual({ ok: true, count: 5, headHash: appended[4]!.hash });
  });

  it('an admin token with only audit:read exports; it cannot do other admin work; a token without it cannot export', async () => {
    const reader = await admin.createToken({ name: 'siem', scopes: ['audit:read'] });
    const exported = await desk.fetch(`${desk.baseUrl}/api/v1/admin/audit/export?since=4`, bearer(reader.token));
    expect(exported.status).toBe(200);
    expect(parseLines(await exported.text()).map((l) => l.seq)).toEqual([5]);
    expect((await desk.fetch(`${desk.baseUrl}/api/v1/admin/jobs`, bearer(reader.token))).status).toBe(403);
    const tickets = await admin.createToken({ name: 'tickets', scopes: ['tickets:read'] });
    expect((await desk.fetch(`${desk.baseUrl}/api/v1/admin/audit/export`, bearer(tickets.token))).status).toBe(403);
    const everything = await admin.createToken({ name: 'admin', scopes: ['admin'] });
    expect((await desk.fetch(`${desk.baseUrl}/api/v1/admin/audit`, bearer(everything.token))).status).toBe(200);
  });

  it('refuses everyone but admins (403), their tokens too, and signed-out callers (401)', async () => {
    for (const role of ['agent', 'lead', 'requester'] as const) {
      const { api } = await signedIn(desk, { role, groupNames: role === 'requester' ? [] : ['Service Desk'] });
      for (const path of ['/api/v1/admin/audit', '/api/v1/admin/audit/export', '/api/v1/admin/audit/verify']) expect((await api.raw(path)).status, `${role} ${path}`).toBe(403);
      if (role === 'requester') continue;
      // The scope narrows what a token may do; it never lifts its owner's role.
      const token = await api.createToken({ name: 'mine', scopes: ['audit:read'] });
      expect((await desk.fetch(`${desk.baseUrl}/api/v1/admin/audit/export`, bearer(token.token))).status).toBe(403);
    }
    for (const path of ['/api/v1/admin/audit', '/api/v1/admin/audit/export', '/api/v1/admin/audit/verify']) expect((await desk.fetch(desk.baseUrl + path)).status).toBe(401);
  });

  it('has no route that edits or deletes an entry', async () => {
    for (const method of ['PUT', 'PATCH', 'DELETE', 'POST']) {
      for (const path of ['/api/v1/admin/audit', '/api/v1/admin/audit/1', '/api/v1/admin/audit/export', '/api/v1/admin/audit/verify']) {
        const res = await admin.raw(path, { method, csrf: true, body: method === 'DELETE' ? undefined : '{}' });
        expect([404, 405], `${method} ${path}`).toContain(res.status);
      }
    }
    const openapi = (await (await admin.raw('/api/v1/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> };
    const auditPaths = Object.entries(openapi.paths).filter(([path]) => path.startsWith('/api/v1/admin/audit'));
    expect(auditPaths.map(([path, ops]) => [path, Object.keys(ops)])).toEqual([
      ['/api/v1/admin/audit', ['get']], ['/api/v1/admin/audit/export', ['get']], ['/api/v1/admin/audit/verify', ['get']],
    ]);
  });

  it('names the first broken link once someone with database access edits an entry', async () => {
    await dropAuditGuards(desk.db, dialect);
    await desk.db.updateTable('audit_log').set({ entry: canonicalJson({ ...appended[1]!.entry, outcome: 'refused' }) }).where('seq', '=', 2).execute();
    const result = (await (await admin.raw('/api/v1/admin/audit/verify')).json()) as AuditVerification;
    expect(result).toMatchObject({ ok: false, brokenAt: 2, problem: 'hash_mismatch', verified: 1 });
  });
});
