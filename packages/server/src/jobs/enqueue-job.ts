import type { Kysely } from 'kysely';
import { notifyAfterCommit } from '../db/postgres-dialect.js';
import type { z } from 'zod';
import type { Database } from '../db/types.js';
import type { JobAddress } from './job-kind.js';

/** The PostgreSQL channel that wakes listening workers when a due job commits. */
export const JOBS_CHANNEL = 'deskside_jobs';

export interface EnqueueJob<S extends z.ZodType> {
  kind: JobAddress<S>;
  payload: z.input<S>;
  /** Epoch ms; default: now. */
  runAt?: number;
  /** A second enqueue with the same key is a no-op (idempotent enqueue, recurring slots). */
  dedupeKey?: string;
  /** Default: the engine's DESKSIDE_JOB_MAX_ATTEMPTS. */
  maxAttempts?: number;
  now?: number;
}

/**
 * Adds a job to the outbox. Call it with the use case's own transaction: the job
 * then exists only if the change that caused it commits. Returns the job's id, or
 * null when a job with the same dedupe key already exists.
 */
export async function enqueueJob<S extends z.ZodType>(tx: Kysely<Database>, job: EnqueueJob<S>): Promise<number | null> {
  // Refused here, in the caller's transaction, rather than dead-lettered later.
  const payload = job.kind.payload.parse(job.payload);
  const now = job.now ?? Date.now();
  const runAt = job.runAt ?? now;
  const row = await tx
    .insertInto('jobs')
    .values({
      kind: job.kind.name,
      payload: JSON.stringify(payload),
      status: 'ready',
      run_at: runAt,
      max_attempts: job.maxAttempts ?? null,
      dedupe_key: job.dedupeKey ?? null,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  // Sent after the commit, never for a rollback (decision 0019: a NOTIFY inside the transaction
  // serialises commits); workers poll anyway, this only saves the wait.
  if (row && runAt <= now + 1000) await notifyAfterCommit(tx, JOBS_CHANNEL, '');
  return row?.id ?? null;
}

