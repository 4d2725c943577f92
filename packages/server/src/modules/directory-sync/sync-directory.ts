import type { AppContext } from '../../http/app-context.js';
import { DirectoryError } from '../directory/index.js';
import { claimDirectorySync, findDirectoryConnectionById, recordDirectorySync, type SyncCounts } from './connections-repo.js';
import { connectorFor } from './connector-for.js';
import { upsertDirectoryPage } from './upsert-directory-page.js';

export type SyncOutcome = { ran: false; reason: 'not_found' | 'busy' | 'not_due' } | { ran: true; counts: SyncCounts; error: string | null };

export interface SyncDirectoryOptions {
  /** A scheduled run: only when enabled and the interval has passed since the last start. */
  scheduled?: boolean;
}

/**
 * Reads every person from the directory and brings the synced copy up to date: a transaction per
 * page, contact change times per decision 0030, and — only when the walk completed — people the
 * directory no longer lists marked gone. A failure is recorded on the connection; nobody is
 * marked gone by a partial walk. Running it twice changes nothing the second time.
 */
export async function syncDirectory(ctx: AppContext, connectionId: number, options: SyncDirectoryOptions = {}): Promise<SyncOutcome> {
  const row = await findDirectoryConnectionById(ctx.db, connectionId);
  if (!row) return { ran: false, reason: 'not_found' };
  const startedAt = ctx.now();
  const dueBefore = options.scheduled ? startedAt - row.sync_interval_minutes * 60_000 : null;
  if (!(await claimDirectorySync(ctx.db, connectionId, startedAt, dueBefore))) {
    return { ran: false, reason: options.scheduled ? 'not_due' : 'busy' };
  }
  const counts: SyncCounts = { seen: 0, added: 0, updated: 0, disabled: 0, gone: 0 };
  let error: string | null = null;
  try {
    const connector = connectorFor(row, ctx.config.secretKey, ctx.log);
    // A manual directory has no source to read: its people come from the desk itself.
    if (connector) {
      for await (const page of connector.listPeople()) {
        const observedAt = ctx.now();
        const pageCounts = await ctx.db.transaction().execute((tx) => upsertDirectoryPage(tx, connectionId, page, observedAt));
        counts.seen += page.length;
        counts.added += pageCounts.added;
        counts.updated += pageCounts.updated;
        counts.disabled += pageCounts.disabled;
      }
      counts.gone = await markGone(ctx, connectionId, startedAt);
    }
  } catch (caught) {
    error = describeSyncError(caught);
    ctx.log.warn({ connectionId, kind: caught instanceof DirectoryError ? caught.kind : 'unexpected' }, 'directory sync failed');
  }
  await recordDirectorySync(ctx.db, connectionId, startedAt, counts, error, ctx.now());
  if (error === null) ctx.log.info({ connectionId, ...counts }, 'directory synced');
  return { ran: true, counts, error };
}

/** After a complete walk: everyone not seen since it started is gone (seen rows got last_synced_at >= start). */
async function markGone(ctx: AppContext, connectionId: number, startedAt: number): Promise<number> {
  const now = ctx.now();
  const result = await ctx.db
    .updateTable('directory_people')
    .set({ gone_at: now })
    .where('connection_id', '=', connectionId)
    .where('gone_at', 'is', null)
    .where('last_synced_at', '<', startedAt)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** DirectoryErrors are written by us and scrubbed of secrets; anything else is named, not quoted. */
function describeSyncError(error: unknown): string {
  if (error instanceof DirectoryError) return error.message;
  return `the sync failed unexpectedly (${error instanceof Error ? error.name : 'unknown error'}); see the server log`;
}
