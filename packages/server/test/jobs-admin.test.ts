import type { Job, JobList } from '@deskside/shared';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { enqueueJob, startJobEngine, type JobEngine } from '../src/jobs/index.js';
import { describeEachDialect } from './support/dialects.js';
import { recordingKind, waitForStatus } from './support/jobs.js';
import { signedIn, type SessionClient } from './support/people.js';
import { useTestDesk } from './support/test-desk.js';

describeEachDialect('the dead-letter list for admins', (dialect) => {
  const desk = useTestDesk(dialect);
  let healthy = false;
  const { kind, executions } = recordingKind('test.flaky', { fail: () => !healthy });
  let engine: JobEngine;
  let admin: SessionClient;
  beforeAll(async () => {
    engine = startJobEngine(desk.ctx, { kinds: [kind], pollMs: 50, backoffMs: 50 });
    admin = (await signedIn(desk, { role: 'admin' })).api;
  });
  afterAll(() => engine.stop());

  const post = (path: string) => admin.raw(path, { method: 'POST', csrf: true });
  const deadList = async () => {
    const res = await admin.raw('/api/v1/admin/jobs?status=dead');
    expect(res.status).toBe(200);
    return ((await res.json()) as JobList).items;
  };

  it('shows a job that failed 3 times; retry runs it again and it succeeds; discard removes another', async () => {
    healthy = false;
    const first = await enqueueJob(desk.db, { kind, payload: { tag: 'retry me' } });
    const second = await enqueueJob(desk.db, { kind, payload: { tag: 'discard me' } });
    await waitForStatus(desk.db, first!, 'dead');
    await waitForStatus(desk.db, second!, 'dead');

    const dead = await deadList();
    expect(dead.map((j) => j.id)).toEqual([second, first]);
    expect(dead[1]).toMatchObject({
      kind: 'test.flaky', status: 'dead', payload: { tag: 'retry me' }, attempts: 3, maxAttempts: 3,
      lastError: 'Error: test.flaky failed on attempt 3', finishedAt: expect.any(String),
    });

    healthy = true;
    const retried = await post(`/api/v1/admin/jobs/${first}/retry`);
    expect(retried.status).toBe(200);
    expect((await retried.json()) as Job).toMatchObject({ id: first, status: 'ready', attempts: 0, finishedAt: null });
    const done = await waitForStatus(desk.db, first!, 'done');
    expect(done.attempts).toBe(1);
    expect(executions.filter((e) => e.jobId === first).map((e) => e.attempt)).toEqual([1, 2, 3, 1]);

    const again = await post(`/api/v1/admin/jobs/${first}/retry`);
    expect(again.status).toBe(409);
    expect(again.headers.get('content-type')).toContain('application/problem+json');
    expect(((await again.json()) as { detail: string }).detail).toContain('this one is done');

    expect((await post(`/api/v1/admin/jobs/${second}/discard`)).status).toBe(204);
    expect((await deadList()).map((j) => j.id)).not.toContain(second);
    expect((await post(`/api/v1/admin/jobs/${second}/discard`)).status).toBe(404);
    expect((await post(`/api/v1/admin/jobs/${first}/discard`)).status).toBe(409);
    expect((await post('/api/v1/admin/jobs/999999/retry')).status).toBe(404);
  });

  it('pages the list by keyset and validates the status filter', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 3; i++) ids.push((await enqueueJob(desk.db, { kind, payload: { tag: `page ${i}` }, runAt: Date.now() + 3_600_000 }))!);
    const page1 = (await (await admin.raw('/api/v1/admin/jobs?status=ready&limit=2')).json()) as JobList;
    expect(page1.items.map((j) => j.id)).toEqual([ids[2], ids[1]]);
    const page2 = (await (await admin.raw(`/api/v1/admin/jobs?status=ready&limit=2&before=${page1.nextBefore}`)).json()) as JobList;
    expect(page2.items.map((j) => j.id)).toEqual([ids[0]]);
    expect(page2.nextBefore).toBeNull();
    expect((await admin.raw('/api/v1/admin/jobs?status=lost')).status).toBe(400);
  });

  it('refuses everyone but admins (403), and signed-out callers (401)', async () => {
    const id = await enqueueJob(desk.db, { kind, payload: { tag: 'not yours' }, runAt: Date.now() + 3_600_000 });
    for (const role of ['agent', 'lead', 'requester'] as const) {
      const { api } = await signedIn(desk, { role, groupNames: role === 'requester' ? [] : ['Service Desk'] });
      expect((await api.raw('/api/v1/admin/jobs?status=dead')).status).toBe(403);
      expect((await api.raw(`/api/v1/admin/jobs/${id}/retry`, { method: 'POST', csrf: true })).status).toBe(403);
      expect((await api.raw(`/api/v1/admin/jobs/${id}/discard`, { method: 'POST', csrf: true })).status).toBe(403);
    }
    expect((await desk.fetch(`${desk.baseUrl}/api/v1/admin/jobs`)).status).toBe(401);
  });
});
