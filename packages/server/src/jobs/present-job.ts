import type { Job } from '@deskside/shared';
import type { JobRow } from '../db/types.js';

const iso = (ms: number) => new Date(ms).toISOString();
const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms));

/** A job as the admin API shows it; maxAttempts is the effective limit. */
export function presentJob(row: JobRow, defaultMaxAttempts: number): Job {
  let payload: unknown;
  try {
    payload = JSON.parse(row.payload);
  } catch {
    payload = row.payload;
  }
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    payload,
    runAt: iso(row.run_at),
    attempts: row.attempts,
    maxAttempts: row.max_attempts ?? defaultMaxAttempts,
    lastError: row.last_error,
    lockedBy: row.locked_by,
    leaseUntil: isoOrNull(row.lease_until),
    dedupeKey: row.dedupe_key,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    finishedAt: isoOrNull(row.finished_at),
  };
}
