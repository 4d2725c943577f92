import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { beforeAll, expect, inject, it } from 'vitest';
import { enqueueJob } from '../src/jobs/index.js';
import { testSleepJob } from '../src/jobs/test-jobs.js';
import { describeEachDialect } from './support/dialects.js';
import { jobRow, waitFor, waitForStatus } from './support/jobs.js';
import { startTestDesk, type TestDatabase } from './support/test-desk.js';

const BIN = fileURLToPath(new URL('../bin/deskside.js', import.meta.url));
const LEASE_MS = 1500;

interface Worker {
  child: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output: () => string;
}

/** A real `deskside serve --role worker` process with the test job kinds and a short lease. */
function startWorkerProcess(database: TestDatabase): Worker {
  const child = spawn(process.execPath, [BIN, 'serve', '--role', 'worker'], {
    env: {
      ...process.env, ...database.env, DATABASE_URL: database.env.DATABASE_URL ?? '',
      DESKSIDE_TEST_JOBS: '1', DESKSIDE_JOB_LEASE_MS: String(LEASE_MS), LOG_LEVEL: 'warn',
      DESKSIDE_ADMIN_EMAIL: '', DESKSIDE_DEMO: '', PORT: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, exited, output: () => output };
}

describeEachDialect('a real worker process', (dialect) => {
  beforeAll(() => {
    const build = inject('cliBuild');
    if (!build.ok) throw new Error(`Building shared and server for the worker tests failed:\n${build.output}`);
  });

  it('killed mid-job: a second worker finishes the job once the lease runs out', async () => {
    const desk = await startTestDesk(dialect);
    const workers: Worker[] = [];
    try {
      const id = (await enqueueJob(desk.db, { kind: testSleepJob, payload: { ms: 2000 } }))!;
      const first = startWorkerProcess(desk.database);
      workers.push(first);
      const claimed = await waitForStatus(desk.db, id, 'running', 15_000);
      expect(claimed.locked_by).toContain(`/${first.child.pid}/`);
      first.child.kill('SIGKILL');
      expect((await first.exited).signal).toBe('SIGKILL');
      // Nobody has told the database: the job stays the dead worker's until its lease ends.
      expect(await jobRow(desk.db, id)).toMatchObject({ status: 'running', locked_by: claimed.locked_by, attempts: 1 });

      const second = startWorkerProcess(desk.database);
      workers.push(second);
      const done = await waitForStatus(desk.db, id, 'done', 20_000);
      expect(done.attempts).toBe(2);
      expect(done.locked_by).toContain(`/${second.child.pid}/`);
      expect(done.finished_at! - claimed.lease_until!).toBeGreaterThanOrEqual(2000);
      second.child.kill('SIGTERM');
      expect((await second.exited).code).toBe(0);
    } finally {
      for (const w of workers) w.child.kill('SIGKILL');
      await desk.close();
    }
  });

  it('SIGTERM lets the running job finish before the process exits', async () => {
    const desk = await startTestDesk(dialect);
    const worker = startWorkerProcess(desk.database);
    try {
      const id = (await enqueueJob(desk.db, { kind: testSleepJob, payload: { ms: 1500 } }))!;
      await waitForStatus(desk.db, id, 'running', 15_000);
      worker.child.kill('SIGTERM');
      const exit = await worker.exited;
      expect(exit.code, worker.output()).toBe(0);
      expect(await jobRow(desk.db, id)).toMatchObject({ status: 'done', attempts: 1, lease_until: null });
    } finally {
      worker.child.kill('SIGKILL');
      await desk.close();
    }
  });

  it('never claims test-only kinds when DESKSIDE_TEST_JOBS is not set', async () => {
    const desk = await startTestDesk(dialect);
    const child = spawn(process.execPath, [BIN, 'serve', '--role', 'worker'], {
      env: { ...process.env, ...desk.database.env, DATABASE_URL: desk.database.env.DATABASE_URL ?? '', DESKSIDE_TEST_JOBS: '', LOG_LEVEL: 'warn', DESKSIDE_ADMIN_EMAIL: '', DESKSIDE_DEMO: '' },
      stdio: 'ignore',
    });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    try {
      const id = (await enqueueJob(desk.db, { kind: testSleepJob, payload: { ms: 0 } }))!;
      // The worker is up once it has run its first auto-close slot.
      await waitFor('the worker to run its first recurring job', async () =>
        (await desk.db.selectFrom('jobs').select('id').where('kind', '=', 'tickets.auto-close').where('status', '=', 'done').executeTakeFirst()) !== undefined,
      15_000);
      await new Promise((r) => setTimeout(r, 1500));
      expect((await jobRow(desk.db, id))?.status).toBe('ready');
    } finally {
      child.kill('SIGTERM');
      await exited;
      await desk.close();
    }
  });
});
