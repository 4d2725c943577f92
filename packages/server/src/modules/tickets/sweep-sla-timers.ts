import type { Db } from '../../db/connect.js';
import { enqueueJob } from '../../jobs/enqueue-job.js';
import { slaCheckJob } from './sla-timer-jobs.js';
import { overdueTicketsWithoutCheck, slaCheckKey } from './sla-timers-repo.js';

/**
 * Enqueues a check, keyed on the passed instant, for each open ticket whose queue key
 * (its earliest due instant) lies in the past with no check keyed on it: a write path that
 * forgot to schedule, or an admin's policy edit that moved a due time, loses no timer for
 * longer than one sweep. The key makes several nodes sweeping at once enqueue one job.
 */
export async function sweepSlaTimers(db: Db, now: number, batch = 500): Promise<number> {
  const overdue = await overdueTicketsWithoutCheck(db, now, batch);
  if (overdue.length === 0) return 0;
  let enqueued = 0;
  await db.transaction().execute(async (tx) => {
    for (const t of overdue) {
      const id = await enqueueJob(tx, { kind: slaCheckJob, payload: { ticketId: t.id }, runAt: now, dedupeKey: slaCheckKey(t.id, t.due_at), now });
      if (id !== null) enqueued++;
    }
  });
  return enqueued;
}
