import { expect, it } from 'vitest';
import { KEEP_DONE_JOBS_MS, pruneJobsJob } from '../src/jobs/builtin-jobs.js';
import { slotKey, slotStart } from '../src/jobs/index.js';
import { startWorker } from '../src/jobs/worker.js';
import { describeEachDialect } from './support/dialects.js';
import { waitFor } from './support/jobs.js';
import { agentAndRequester } from './support/people.js';
import { useTestDesk } from './support/test-desk.js';
import { createTicket, resolvedTicket } from './support/tickets.js';

describeEachDialect('the desk worker', (dialect) => {
  const desk = useTestDesk(dialect);

  it('auto-closes overdue resolved tickets as a recurring job, one row per slot', async () => {
    const { agent, requester } = await agentAndRequester(desk);
    const t = await resolvedTicket(agent.api, await createTicket(requester.api));
    await desk.db.updateTable('tickets').set({ auto_close_at: Date.now() - 1000 }).where('id', '=', t.id).execute();
    const cadence = { everyMs: desk.ctx.config.sweepIntervalMs };
    const slotBefore = slotStart(cadence, Date.now());
    const worker = startWorker(desk.ctx);
    try {
      await waitFor('the ticket to auto-close', async () => (await agent.api.getTicket(t.id)).status === 'closed');
    } finally {
      await worker.stop();
    }
    const slots = [...new Set([slotBefore, slotStart(cadence, Date.now())])].map((s) => slotKey('auto-close', s));
    const rows = await desk.db.selectFrom('jobs').selectAll().where('kind', '=', 'tickets.auto-close').execute();
    expect(rows.length).toBeGreaterThanOrEqual(1);
    expect(rows.every((r) => slots.includes(r.dedupe_key!))).toBe(true);
    expect(rows.every((r) => r.status === 'done')).toBe(true);
  });

  it('prunes done jobs past their keeping time, and nothing else', async () => {
    const now = Date.now();
    const row = (status: 'done' | 'dead', finishedAgoMs: number) => ({
      kind: 'test.prune', payload: '{}', status, run_at: now - finishedAgoMs, max_attempts: null, dedupe_key: null,
      created_at: now - finishedAgoMs, updated_at: now - finishedAgoMs, finished_at: now - finishedAgoMs,
    });
    await desk.db.insertInto('jobs').values([row('done', KEEP_DONE_JOBS_MS + 60_000), row('done', 60_000), row('dead', KEEP_DONE_JOBS_MS + 60_000)]).execute();
    await pruneJobsJob.handle({}, { id: 0, attempt: 1, runAt: now, dedupeKey: null, signal: new AbortController().signal }, desk.ctx);
    const left = await desk.db.selectFrom('jobs').select(['status', 'finished_at']).where('kind', '=', 'test.prune').orderBy('id').execute();
    expect(left.map((r) => [r.status, now - r.finished_at!])).toEqual([['done', 60_000], ['dead', KEEP_DONE_JOBS_MS + 60_000]]);
  });
});
