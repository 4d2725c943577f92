import type { Tx } from '../db/connect.js';
import type { JobRow } from '../db/types.js';
import { conflict, notFound } from '../errors.js';

/** Puts a dead job back in the queue, due now, with a fresh set of attempts. */
export async function retryJob(tx: Tx, id: number, now: number): Promise<JobRow> {
  // Conditional on status in the write itself, so a concurrent retry or discard cannot slip between check and change.
  const retried = await tx
    .updateTable('jobs')
    .set({ status: 'ready', attempts: 0, run_at: now, locked_by: null, lease_until: null, finished_at: null, updated_at: now })
    .where('id', '=', id)
    .where('status', '=', 'dead')
    .returningAll()
    .executeTakeFirst();
  if (retried) return retried;
  throw await whyNot(tx, id, 'retried');
}

/** 404 for an unknown job, 409 naming the status that refused the action. */
export async function whyNot(tx: Tx, id: number, action: string): Promise<Error> {
  const job = await tx.selectFrom('jobs').select('status').where('id', '=', id).executeTakeFirst();
  return job ? conflict(`Only a dead job can be ${action}; this one is ${job.status}`) : notFound('job');
}
