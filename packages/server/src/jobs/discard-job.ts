import type { Tx } from '../db/connect.js';
import { whyNot } from './retry-job.js';

/**
 * Deletes a dead job an admin has given up on. Only dead jobs: a ready or running
 * one is still the engine's, and deleting it under a worker would lose its outcome.
 */
export async function discardJob(tx: Tx, id: number): Promise<void> {
  const r = await tx.deleteFrom('jobs').where('id', '=', id).where('status', '=', 'dead').executeTakeFirst();
  if (r.numDeletedRows === 0n) throw await whyNot(tx, id, 'discarded');
}
