import type { Db } from '../db/connect.js';
import type { JobRow, JobStatus } from '../db/types.js';

export interface ListJobs {
  status?: JobStatus | undefined;
  /** Keyset cursor: only jobs with a smaller id. */
  before?: number | undefined;
  limit: number;
}

/** Jobs newest first, optionally of one status, a page at a time. */
export async function listJobs(db: Db, opts: ListJobs): Promise<{ rows: JobRow[]; nextBefore: number | null }> {
  const rows = await db
    .selectFrom('jobs')
    .selectAll()
    .$if(opts.status !== undefined, (q) => q.where('status', '=', opts.status!))
    .$if(opts.before !== undefined, (q) => q.where('id', '<', opts.before!))
    .orderBy('id', 'desc')
    .limit(opts.limit + 1)
    .execute();
  const more = rows.length > opts.limit;
  const page = more ? rows.slice(0, opts.limit) : rows;
  return { rows: page, nextBefore: more ? page[page.length - 1]!.id : null };
}
