import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { z } from 'zod';
import { readConfig } from '../config.js';
import { openDesk, type Desk } from '../desk.js';
import { defineJobKind, enqueueJob, startJobEngine, type JobEngine } from '../jobs/index.js';
import { createPostgresDatabase, machineInfo } from './bench-environment.js';
import { summarize } from './percentiles.js';

// Timer lateness: N jobs due at random times within one window (default 10,000 in a
// minute), run by the real engine with its production settings (1 s poll, and on
// PostgreSQL the LISTEN wake-up and two worker nodes). Lateness is when the handler
// started minus the job's run_at. Prints one JSON document; progress goes to stderr.
// Standalone for now: `node packages/server/dist/bench/job-lateness.js [--jobs N] [--window-ms MS]`.

const TARGET_P99_MS = 5000;
/** Jobs are enqueued first; the window starts after this, so no job is due while enqueueing. */
const LEAD_MS = 15_000;

function options() {
  const { values } = parseArgs({ options: { jobs: { type: 'string', default: '10000' }, 'window-ms': { type: 'string', default: '60000' } } });
  const jobs = Number(values.jobs);
  const windowMs = Number(values['window-ms']);
  if (!Number.isInteger(jobs) || jobs < 1 || !Number.isInteger(windowMs) || windowMs < 1000) throw new Error('--jobs and --window-ms must be positive whole numbers');
  return { jobs, windowMs };
}

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

async function main(): Promise<void> {
  const { jobs, windowMs } = options();
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const results = [await measure('sqlite', undefined, jobs, windowMs)];
  if (databaseUrl) results.push(await measure('postgres', databaseUrl, jobs, windowMs));
  else process.stderr.write('PostgreSQL skipped: set DATABASE_URL to a server the benchmark may create a database on\n');
  const report = { benchmark: 'job-lateness', jobs, windowMs, targetP99Ms: TARGET_P99_MS, machine: await machineInfo(databaseUrl), results };
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
