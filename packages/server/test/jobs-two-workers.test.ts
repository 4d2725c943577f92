import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineRecurringJob, enqueueJob, slotKey, startJobEngine, type JobEngine } from '../src/jobs/index.js';
import { postgresAvailable } from './support/dialects.js';
import { recordingKind, waitFor } from './support/jobs.js';
import { createTestDatabase, startNode, type TestDatabase, type TestNode } from './support/test-desk.js';

describe.skipIf(!postgresAvailable)('two workers on one PostgreSQL database', () => {
  let database: TestDatabase;
  let nodes: TestNode[] = [];
  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    nodes = [await startNode(database), await startNode(database)];
  });
  afterAll(async () => {
    for (const node of nodes) await node.close();
    await database.drop();
  });

  it('process 300 jobs with none lost and none run twice', async () => {
    // One recorder shared by both engines: a job run by both nodes shows up twice.
    const { kind, executions } = recordingKind('test.share', { sleepMs: () => Math.floor(Math.random() * 20) });
    const engines = nodes.map((n) => startJobEngine(n.ctx, { kinds: [kind], pollMs: 100, concurrency: 8 }));
    try {
      const ids: number[] = [];
      for (let batch = 0; batch < 6; batch++) {
        await nodes[batch % 2]!.db.transaction().execute(async (tx) => {
          for (let i = 0; i < 50; i++) ids.push((await enqueueJob(tx, { kind, payload: { tag: `${batch}:${i}` } }))!);
        });
      }
      const db = nodes[0]!.db;
      await waitFor('all 300 jobs to be done', async () => {
        const { n } = await db.selectFrom('jobs').select((eb) => eb.fn.countAll<number>().as('n')).where('kind', '=', kind.name).where('status', '=', 'done').executeTakeFirstOrThrow();
        return Number(n) === 300;
      }, 30_000);
      const runs = new Map<number, number>();
      for (const e of executions) runs.set(e.jobId, (runs.get(e.jobId) ?? 0) + 1);
      expect(runs.size).toBe(300);
      expect([...runs.values()].every((count) => count === 1)).toBe(true);
      expect([...runs.keys()].sort((a, b) => a - b)).toEqual([...ids].sort((a, b) => a - b));
      const byNode = await db.selectFrom('jobs').select('locked_by').distinct().where('kind', '=', kind.name).execute();
      expect(byNode.map((r) => r.locked_by).sort()).toEqual(engines.map((e) => e.node).sort());
    } finally {
      await Promise.all(engines.map((e) => e.stop()));
    }
  });

  it('run a recurring job exactly once per slot, slot after slot', async () => {
    const { kind, executions } = recordingKind('test.tick');
    const recurring = [defineRecurringJob({ name: 'test-tick', kind, payload: { tag: 'tick' }, cadence: { everyMs: 1000 } })];
    let engines: JobEngine[] = [];
    try {
      engines = nodes.map((n) => startJobEngine(n.ctx, { kinds: [], recurring, pollMs: 100 }));
      await new Promise((r) => setTimeout(r, 4500));
    } finally {
      await Promise.all(engines.map((e) => e.stop()));
    }
    const keys = executions.map((e) => e.dedupeKey);
    expect(new Set(keys).size).toBe(keys.length);
    const slots = executions.map((e) => e.runAt).sort((a, b) => a - b);
    expect(slots.length).toBeGreaterThanOrEqual(4);
    slots.forEach((slot, i) => {
      expect(keys).toContain(slotKey('test-tick', slot));
      if (i > 0) expect(slot - slots[i - 1]!).toBe(1000);
    });
    const rows = await nodes[0]!.db.selectFrom('jobs').select(['dedupe_key', 'status']).where('kind', '=', kind.name).execute();
    // A slot offered just before stop() may still wait, unrun; none ran without being recorded.
    expect(rows.filter((r) => r.status === 'done')).toHaveLength(slots.length);
    expect(rows.filter((r) => r.status !== 'done' && r.status !== 'ready')).toEqual([]);
  });
});
