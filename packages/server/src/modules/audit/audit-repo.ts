import { PostgresAdapter } from 'kysely';
import type { Db, Tx } from '../../db/connect.js';
import type { AuditLogRow } from '../../db/types.js';

export interface ChainHead {
  seq: number;
  hash: string;
}

/**
 * The chain head, locked for the rest of the transaction. On PostgreSQL the row lock makes
 * concurrent appends (from any node) take turns, so two can never extend the same head;
 * SQLite's writer already runs one write transaction at a time (decision 0012), and across
 * processes BEGIN IMMEDIATE does the same.
 */
export async function lockChainHead(tx: Tx): Promise<ChainHead> {
  const query = tx.selectFrom('audit_chain_head').select(['seq', 'hash']).where('id', '=', 1);
  const head = tx.getExecutor().adapter instanceof PostgresAdapter ? await query.forUpdate().executeTakeFirst() : await query.executeTakeFirst();
  if (!head) throw new Error('audit_chain_head has no row: the audit-log migration did not run');
  return head;
}

/** Writes the new last link and moves the head onto it (the triggers check both). */
export async function insertLink(tx: Tx, row: AuditLogRow): Promise<void> {
  await tx.insertInto('audit_log').values(row).execute();
  await tx.updateTable('audit_chain_head').set({ seq: row.seq, hash: row.hash }).where('id', '=', 1).execute();
}

/** The head as last committed, without a lock: for readers. */
export async function readChainHead(db: Db): Promise<ChainHead> {
  const head = await db.selectFrom('audit_chain_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirst();
  return head ?? { seq: 0, hash: '' };
}

/** Links after `afterSeq` up to `upToSeq`, oldest first. */
export function readLinksAfter(db: Db, afterSeq: number, upToSeq: number, limit: number): Promise<AuditLogRow[]> {
  return db
    .selectFrom('audit_log')
    .selectAll()
    .where('seq', '>', afterSeq)
    .where('seq', '<=', upToSeq)
    .orderBy('seq', 'asc')
    .limit(limit)
    .execute();
}

/** Links before `beforeSeq` (or the newest), newest first. */
export function readLinksBefore(db: Db, beforeSeq: number | undefined, limit: number): Promise<AuditLogRow[]> {
  return db
    .selectFrom('audit_log')
    .selectAll()
    .$if(beforeSeq !== undefined, (q) => q.where('seq', '<', beforeSeq!))
    .orderBy('seq', 'desc')
    .limit(limit)
    .execute();
}

/** The highest seq stored, 0 for none. */
export async function maxStoredSeq(db: Db): Promise<number> {
  const row = await db.selectFrom('audit_log').select((eb) => eb.fn.max('seq').as('max')).executeTakeFirst();
  return Number(row?.max ?? 0);
}
