import { z } from 'zod';
import type { Db } from '../../src/db/connect.js';
import type { JobRow } from '../../src/db/types.js';
import { defineJobKind, type JobKind, type JobRun } from '../../src/jobs/index.js';

/** Polls until `check` returns something truthy, or fails naming what was awaited. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined | null | false>, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > until) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export function jobRow(db: Db, id: number): Promise<JobRow | undefined> {
  return db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
}

export function waitForStatus(db: Db, id: number, status: JobRow['status'], timeoutMs?: number): Promise<JobRow> {
  return waitFor(`job ${id} to be ${status}`, async () => {
    const row = await jobRow(db, id);
    return row?.status === status ? row : undefined;
  }, timeoutMs);
}

/** One handler execution as a test kind saw it. */
export interface Execution {
  jobId: number;
  attempt: number;
  runAt: number;
  startedAt: number;
  dedupeKey: string | null;
  tag: string;
}

/** A job kind that records every execution in memory and may be told to fail. */
export function recordingKind(name: string, opts: { fail?: (run: JobRun) => boolean; sleepMs?: () => number } = {}) {
  const executions: Execution[] = [];
  const kind: JobKind = defineJobKind({
    name,
    payload: z.strictObject({ tag: z.string() }),
    handle: async (payload, run) => {
      executions.push({ jobId: run.id, attempt: run.attempt, runAt: run.runAt, startedAt: Date.now(), dedupeKey: run.dedupeKey, tag: payload.tag });
      const sleep = opts.sleepMs?.() ?? 0;
      if (sleep > 0) await new Promise((r) => setTimeout(r, sleep));
      if (opts.fail?.(run)) throw new Error(`${name} failed on attempt ${run.attempt}`);
    },
  });
  return { kind, executions };
}
