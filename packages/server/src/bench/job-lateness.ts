import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { z } from 'zod';
import { readConfig } from '../config.js';
import { openDesk, type Desk } from '../desk.js';
import { defineJobKind, enqueueJob, startJobEngine, type JobEngine } from '../jobs/index.js';
import { createPostgresDatabase } from './bench-environment.js';
import { summarize } from './percentiles.js';

// Timer lateness: N jobs due at random times within one window (default 10,000 in a
// minute), run by the real engine with its production settings (1 s poll, and on
// PostgreSQL the LISTEN wake-up and two worker nodes). Lateness is when the handler
// started minus the job's run_at. The timers suite of `npm run bench` (run-bench.ts).

const TARGET_P99_MS = 5000;
/** Jobs are enqueued first; the window starts after this, so no job is due while enqueueing. */
const LEAD_MS = 15_000;

async function measure(dialect: 'sqlite' | 'postgres', databaseUrl: string | undefined, jobs: number, windowMs: number) {
  const dataDir = mkdtempSync(join(tmpdir(), 'deskside-lateness-'));
  const pg = dialect === 'postgres' ? await createPostgresDatabase(databaseUrl!) : null;
  const desks: Desk[] = [];
  const engines: JobEngine[] = [];
  try {
    const config = readConfig({ DATA_DIR: dataDir, DATABASE_URL: pg?.url ?? '', LOG_LEVEL: 'warn' });
    const nodes = dialect === 'postgres' ? 2 : 1;
    // Logs go to stderr: stdout carries only the JSON report.
    const log = pino({ level: 'error' }, pino.destination(2));
    for (let i = 0; i < nodes; i++) desks.push(await openDesk(config, log));
    const lateness: number[] = [];
    let done!: () => void;
    const allDone = new Promise<void>((resolve) => (done = resolve));
    const timer = defineJobKind({
      name: 'bench.timer',
      payload: z.strictObject({}),
      handle: async (_payload, run) => {
        lateness.push(Date.now() - run.runAt);
        if (lateness.length === jobs) done();
      },
    });
    const start = Date.now() + LEAD_MS;
    const db = desks[0]!.ctx.db;
    for (let offset = 0; offset < jobs; offset += 500) {
      await db.transaction().execute(async (tx) => {
        for (let i = offset; i < Math.min(jobs, offset + 500); i++) {
          await enqueueJob(tx, { kind: timer, payload: {}, runAt: start + Math.floor(Math.random() * windowMs) });
        }
      });
    }
    const enqueuedInMs = Date.now() - (start - LEAD_MS);
    if (Date.now() > start) throw new Error(`Enqueueing took ${enqueuedInMs} ms, longer than the ${LEAD_MS} ms lead`);
    process.stderr.write(`${dialect}: ${jobs} timers enqueued in ${enqueuedInMs} ms; due over the next ${windowMs / 1000} s after a ${LEAD_MS / 1000} s lead\n`);
    for (const desk of desks) engines.push(startJobEngine(desk.ctx, { kinds: [timer] }));
    const deadline = setTimeout(() => done(), LEAD_MS + windowMs + 120_000);
    await allDone;
    clearTimeout(deadline);
    return { dialect, workers: nodes, enqueuedInMs, fired: lateness.length, lateness: summarize(lateness), ok: lateness.length === jobs && summarize(lateness).p99Ms <= TARGET_P99_MS };
  } finally {
    await Promise.all(engines.map((e) => e.stop()));
    for (const desk of desks) await desk.close();
    await pg?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** SQLite with one worker, then PostgreSQL with two when `databaseUrl` is given. */
export async function measureTimerLateness(databaseUrl: string | undefined, jobs: number, windowMs: number) {
  const results = [await measure('sqlite', undefined, jobs, windowMs)];
  if (databaseUrl) results.push(await measure('postgres', databaseUrl, jobs, windowMs));
  return { jobs, windowMs, targetP99Ms: TARGET_P99_MS, results };
}
