import type { Updateable } from 'kysely';
import type { Db, Tx } from '../../db/connect.js';
import type { DirectoryConnectionRow, DirectoryConnectionsTable } from '../../db/types.js';

/** A sync that has said "running" this long has died with its node; another may start. */
export const STALE_SYNC_MS = 30 * 60_000;

/** The desk's directory connection (one for now: the lowest id). */
export function findDirectoryConnection(q: Db | Tx): Promise<DirectoryConnectionRow | undefined> {
  return q.selectFrom('directory_connections').selectAll().orderBy('id').limit(1).executeTakeFirst();
}

export function findDirectoryConnectionById(q: Db | Tx, id: number): Promise<DirectoryConnectionRow | undefined> {
  return q.selectFrom('directory_connections').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateConnectionAtVersion(tx: Tx, id: number, version: number, changes: Updateable<DirectoryConnectionsTable>): Promise<boolean> {
  const result = await tx
    .updateTable('directory_connections')
    .set({ ...changes, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Marks a sync as running unless another one is (one conditional UPDATE: two nodes cannot both
 * win). `dueBefore` limits a scheduled run to a connection whose last sync started long enough ago.
 */
export async function claimDirectorySync(db: Db, id: number, now: number, dueBefore: number | null): Promise<boolean> {
  let query = db
    .updateTable('directory_connections')
    .set({ last_sync_status: 'running', last_sync_started_at: now, last_sync_finished_at: null })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('last_sync_status', 'is', null), eb('last_sync_status', '<>', 'running'), eb('last_sync_started_at', '<', now - STALE_SYNC_MS)]));
  if (dueBefore !== null) {
    query = query.where('enabled', '=', 1).where((eb) => eb.or([eb('last_sync_started_at', 'is', null), eb('last_sync_started_at', '<=', dueBefore)]));
  }
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface SyncCounts {
  seen: number;
  added: number;
  updated: number;
  disabled: number;
  gone: number;
}

/** Writes how a sync ended, fenced on the start time it claimed. */
export async function recordDirectorySync(db: Db, id: number, startedAt: number, counts: SyncCounts, error: string | null, now: number): Promise<void> {
  await db
    .updateTable('directory_connections')
    .set({
      last_sync_status: error === null ? 'succeeded' : 'failed',
      last_sync_finished_at: now,
      last_sync_seen: counts.seen,
      last_sync_added: counts.added,
      last_sync_updated: counts.updated,
      last_sync_disabled: counts.disabled,
      last_sync_gone: counts.gone,
      last_sync_error: error === null ? null : error.slice(0, 1000),
    })
    .where('id', '=', id)
    .where('last_sync_started_at', '=', startedAt)
    .execute();
}
