import { z } from 'zod';
import type { Tx } from '../../db/connect.js';
import { defineJobKind, enqueueJob } from '../../jobs/index.js';
import { findDirectoryConnection } from './connections-repo.js';
import { syncDirectory } from './sync-directory.js';

/** How often the schedule looks whether a sync is due; the connection's interval decides. */
export const DIRECTORY_SYNC_TICK_MS = 60_000;

/**
 * The directory sync. Without a connection id it is the recurring tick (one per slot across
 * nodes): it syncs the connection when enabled and its interval has passed. With one it is
 * "sync now". Either way the connection row's claim lets one sync run at a time, and a failure
 * is recorded there rather than retried by the engine: the next tick tries again.
 */
export const directorySyncJob = defineJobKind({
  name: 'directory.sync',
  payload: z.strictObject({ connectionId: z.number().int().positive().optional() }),
  handle: async (payload, _run, ctx) => {
    if (payload.connectionId !== undefined) {
      await syncDirectory(ctx, payload.connectionId);
      return;
    }
    const row = await findDirectoryConnection(ctx.db);
    if (row) await syncDirectory(ctx, row.id, { scheduled: true });
  },
});

/** Enqueues an on-demand sync in the caller's transaction; returns the job id. */
export function requestDirectorySync(tx: Tx, connectionId: number, now: number): Promise<number | null> {
  return enqueueJob(tx, { kind: directorySyncJob, payload: { connectionId }, now, maxAttempts: 1 });
}
