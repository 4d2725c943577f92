import { sql } from 'kysely';
import type { Db, Dialect } from '../db/connect.js';
import type { JobRow, JobStatus } from '../db/types.js';

// The SQL of the engine: claim, renew, finish, fail, give back, reap, prune.
// Every write after a claim is fenced on (locked_by, attempts): a worker whose lease
// was reaped and re-claimed elsewhere can no longer change the job.

export interface Claim {
  node: string;
  kinds: readonly string[];
  limit: number;
  now: number;
  leaseMs: number;
}

/** Marks up to `limit` due ready jobs of the given kinds running under this node's lease. */
export async function claimJobs(db: Db, dialect: Dialect, claim: Claim): Promise<JobRow[]> {
  if (claim.kinds.length === 0 || claim.limit <= 0) return [];
  // One short transaction on either dialect; SKIP LOCKED lets PostgreSQL nodes pass each other's rows.
  return db.transaction().execute((tx) =>
    tx
      .updateTable('jobs')
      .set((eb) => ({
        status: 'running',
        attempts: eb('attempts', '+', 1),
        locked_by: claim.node,
        lease_until: claim.now + claim.leaseMs,
        updated_at: claim.now,
      }))
      .where('id', 'in', (eb) =>
        eb
          .selectFrom('jobs')
          .select('id')
          .where('status', '=', 'ready')
          .where('run_at', '<=', claim.now)
          .where('kind', 'in', claim.kinds)
          .orderBy('run_at')
          .limit(claim.limit)
          .$if(dialect === 'postgres', (q) => q.forUpdate().skipLocked()),
      )
      .returningAll()
      .execute(),
  );
}

/** Pushes the leases of this node's running jobs forward. */
export async function renewLeases(db: Db, node: string, ids: readonly number[], leaseUntil: number, now: number): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('jobs')
    .set({ lease_until: leaseUntil, updated_at: now })
    .where('id', 'in', ids)
    .where('status', '=', 'running')
    .where('locked_by', '=', node)
    .execute();
}

type Fence = Pick<JobRow, 'id' | 'locked_by' | 'attempts'>;

function fenced(db: Db, job: Fence) {
  return db
    .updateTable('jobs')
    .where('id', '=', job.id)
    .where('status', '=', 'running')
    .where('locked_by', '=', job.locked_by)
    .where('attempts', '=', job.attempts);
}

/** Records a successful run; locked_by stays as the node that ran it. */
export async function markDone(db: Db, job: Fence, now: number): Promise<boolean> {
  const r = await fenced(db, job).set({ status: 'done', lease_until: null, finished_at: now, updated_at: now }).executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

/** Records a failed run: back to ready at `retryAt`, or dead when retryAt is null. */
export async function markFailed(db: Db, job: Fence, error: string, retryAt: number | null, now: number): Promise<boolean> {
  const r = await fenced(db, job)
    .set(
      retryAt === null
        ? { status: 'dead', last_error: error, lease_until: null, finished_at: now, updated_at: now }
        : { status: 'ready', last_error: error, run_at: retryAt, locked_by: null, lease_until: null, updated_at: now },
    )
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

/** Gives unfinished jobs back at shutdown; the interrupted run does not count as an attempt. */
export async function releaseJobs(db: Db, jobs: readonly Fence[], now: number): Promise<void> {
  for (const job of jobs) {
    await fenced(db, job)
      .set((eb) => ({ status: 'ready', attempts: eb('attempts', '-', 1), locked_by: null, lease_until: null, updated_at: now }))
      .execute();
  }
}

/**
 * Jobs whose worker stopped renewing its lease become claimable again, or dead when
 * that was their last attempt (a job that kills its worker must not loop forever).
 */
export async function reapExpiredLeases(db: Db, now: number, defaultMaxAttempts: number): Promise<number> {
  const last = sql<boolean>`attempts >= coalesce(max_attempts, ${defaultMaxAttempts})`;
  const r = await db
    .updateTable('jobs')
    .set({
      status: sql<JobStatus>`case when ${last} then 'dead' else 'ready' end`,
      finished_at: sql<number | null>`case when ${last} then cast(${now} as bigint) else null end`,
      last_error: 'The worker running it stopped renewing its lease',
      locked_by: null,
      lease_until: null,
      updated_at: now,
    })
    .where('status', '=', 'running')
    .where('lease_until', '<', now)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Deletes done jobs finished before `before`, a batch at a time; returns how many went. */
export async function pruneDoneJobs(db: Db, before: number, batch = 1000): Promise<number> {
  let total = 0;
  for (;;) {
    const r = await db
      .deleteFrom('jobs')
      .where('id', 'in', (eb) =>
        eb.selectFrom('jobs').select('id').where('status', '=', 'done').where('finished_at', '<', before).limit(batch),
      )
      .executeTakeFirst();
    const deleted = Number(r.numDeletedRows);
    total += deleted;
    if (deleted < batch) return total;
  }
}
