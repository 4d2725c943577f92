import { afterEach, expect, it } from 'vitest';
import { enqueueJob, startJobEngine, type JobEngine } from '../src/jobs/index.js';
import { describeEachDialect } from './support/dialects.js';
import { jobRow, recordingKind, waitFor, waitForStatus } from './support/jobs.js';
import { useTestDesk } from './support/test-desk.js';

describeEachDialect('the job engine', (dialect) => {
  const desk = useTestDesk(dialect);
  const engines: JobEngine[] = [];
  const start = (...args: Parameters<typeof startJobEngine>) => {
    const engine = startJobEngine(...args);
    engines.push(engine);
    return engine;
  };
  afterEach(async () => {
    await Promise.all(engines.splice(0).map((e) => e.stop()));
  });

  it('never runs a job whose enqueueing transaction rolled back; runs the committed one', async () => {
    const { kind, executions } = recordingKind('test.outbox');
    start(desk.ctx, { kinds: [kind], pollMs: 100 });
    await expect(
      desk.db.transaction().execute(async (tx) => {
        await enqueueJob(tx, { kind, payload: { tag: 'rolled-back' } });
        throw new Error('the use case failed after enqueueing');
      }),
    ).rejects.toThrow('the use case failed');
    const committed = await desk.db.transaction().execute((tx) => enqueueJob(tx, { kind, payload: { tag: 'committed' } }));
    await waitForStatus(desk.db, committed!, 'done');
    // The committed job was enqueued after the rolled-back one, so a leaked job would have run first.
    expect(executions.map((e) => e.tag)).toEqual(['committed']);
    const rows = await desk.db.selectFrom('jobs').select('payload').where('kind', '=', kind.name).execute();
    expect(rows.map((r) => JSON.parse(r.payload) as unknown)).toEqual([{ tag: 'committed' }]);
  });

  it('enqueues once per dedupe key', async () => {
    const { kind } = recordingKind('test.dedupe');
    const first = await enqueueJob(desk.db, { kind, payload: { tag: 'a' }, dedupeKey: 'once-only', runAt: Date.now() + 60_000 });
    const second = await enqueueJob(desk.db, { kind, payload: { tag: 'b' }, dedupeKey: 'once-only', runAt: Date.now() + 60_000 });
    expect(first).toEqual(expect.any(Number));
    expect(second).toBeNull();
  });

  it('does not run a scheduled job early, and runs it within 5 s of its time', async () => {
    const { kind, executions } = recordingKind('test.scheduled');
    start(desk.ctx, { kinds: [kind] });
    const runAt = Date.now() + 2000;
    const id = await enqueueJob(desk.db, { kind, payload: { tag: 'later' }, runAt });
    await new Promise((r) => setTimeout(r, 1500));
    expect(executions).toEqual([]);
    expect((await jobRow(desk.db, id!))?.status).toBe('ready');
    await waitForStatus(desk.db, id!, 'done', 8000);
    expect(executions).toHaveLength(1);
    expect(executions[0]!.startedAt).toBeGreaterThanOrEqual(runAt);
    expect(executions[0]!.startedAt - runAt).toBeLessThan(5000);
  });

  it('retries a failing job with growing delays, then dead-letters it after 3 attempts', async () => {
    const { kind, executions } = recordingKind('test.always-fails', { fail: () => true });
    start(desk.ctx, { kinds: [kind], pollMs: 50, backoffMs: 200 });
    const id = await enqueueJob(desk.db, { kind, payload: { tag: 'doomed' } });
    const dead = await waitForStatus(desk.db, id!, 'dead');
    expect(dead).toMatchObject({ attempts: 3, lease_until: null, last_error: 'Error: test.always-fails failed on attempt 3' });
    expect(dead.finished_at).toEqual(expect.any(Number));
    expect(executions.map((e) => e.attempt)).toEqual([1, 2, 3]);
    const [a, b, c] = executions.map((e) => e.startedAt);
    // Backoff 200 ms, then 400 ms (each plus up to 50 % jitter).
    expect(b! - a!).toBeGreaterThanOrEqual(200);
    expect(c! - b!).toBeGreaterThanOrEqual(400);
    await new Promise((r) => setTimeout(r, 300));
    expect(executions).toHaveLength(3);
  });

  it('dead-letters a payload that no longer matches its kind at once', async () => {
    const { kind, executions } = recordingKind('test.strict-payload');
    const now = Date.now();
    const { id } = await desk.db
      .insertInto('jobs')
      .values({ kind: kind.name, payload: '{"tag":42}', status: 'ready', run_at: now, max_attempts: null, dedupe_key: null, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    start(desk.ctx, { kinds: [kind], pollMs: 50 });
    const dead = await waitForStatus(desk.db, id, 'dead');
    expect(dead.attempts).toBe(1);
    expect(dead.last_error).toContain('Payload does not match test.strict-payload');
    expect(executions).toEqual([]);
  });

  it('on stop, lets a short job finish and gives a long one back unfinished', async () => {
    const { kind, executions } = recordingKind('test.stop', { sleepMs: () => 0 });
    const { kind: slow } = recordingKind('test.stop-slow', { sleepMs: () => 5000 });
    const engine = start(desk.ctx, { kinds: [kind, slow], pollMs: 50, drainMs: 1000 });
    const quickSleep = recordingKind('test.stop-quick', { sleepMs: () => 400 });
    const quickEngine = start(desk.ctx, { kinds: [quickSleep.kind], pollMs: 50, drainMs: 3000 });
    const quick = await enqueueJob(desk.db, { kind: quickSleep.kind, payload: { tag: 'quick' } });
    const long = await enqueueJob(desk.db, { kind: slow, payload: { tag: 'long' } });
    await waitForStatus(desk.db, quick!, 'running');
    await waitForStatus(desk.db, long!, 'running');
    await Promise.all([engine.stop(), quickEngine.stop()]);
    expect((await jobRow(desk.db, quick!))?.status).toBe('done');
    expect(await jobRow(desk.db, long!)).toMatchObject({ status: 'ready', attempts: 0, locked_by: null, lease_until: null });
    expect(executions).toEqual([]);
    // Another worker then takes it and runs it to the end.
    const { kind: slowAgain, executions: again } = recordingKind('test.stop-slow');
    start(desk.ctx, { kinds: [slowAgain], pollMs: 50 });
    await waitFor('the given-back job to run again', async () => again.length === 1);
    expect(again[0]).toMatchObject({ jobId: long, attempt: 1 });
  });
});
