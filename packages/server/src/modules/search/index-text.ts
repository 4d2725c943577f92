import { PostgresAdapter, sql } from 'kysely';
import type { Tx } from '../../db/connect.js';
import { AT_BATCH_END } from '../../db/sqlite-dialect.js';

const atBatchEnd = sql.raw(AT_BATCH_END);

export interface SearchDocument {
  ticketId: number;
  visibility: 'public' | 'internal';
  text: string;
  /** The ticket was created in this transaction, so it has no document yet. */
  isNew?: boolean;
}

// PostgreSQL's parser keeps "INC-000123" as a signed number, "Network/VPN" as a path and
// e-mails whole, so their parts never match the words a query is split into. Handing it
// only the words (as SQLite's unicode61 tokenizer sees them) makes both dialects agree.
const WORD = /[\p{L}\p{N}]+/gu;

/** The text as the words a search query is split into (see searchTerms). */
export function searchableWords(text: string): string {
  return (text.match(WORD) ?? []).join(' ');
}

/** SQLite keeps both documents of a ticket next to each other, in ticket order. */
export function sqliteDocId(ticketId: number, visibility: 'public' | 'internal'): number {
  return ticketId * 2 + (visibility === 'internal' ? 1 : 0);
}

/**
 * Makes a piece of ticket text findable, in the transaction that wrote it. Each
 * ticket has one public and one internal document that grow as text is added.
 */
export async function indexTicketText(tx: Tx, doc: SearchDocument): Promise<void> {
  if (tx.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`INSERT INTO ticket_search (ticket_id, visibility, tsv)
      VALUES (${doc.ticketId}, ${doc.visibility}, to_tsvector('english', ${searchableWords(doc.text)}))
      ON CONFLICT (ticket_id, visibility) DO UPDATE SET tsv = ticket_search.tsv || EXCLUDED.tsv`.execute(tx);
    return;
  }
  // Held back to the end of the group-committed batch (decision 0049): FTS5 writes a
  // segment at every savepoint, and each transaction is one. Run there in order, the
  // UPDATE and the INSERT that follows only when no document exists add to the ticket's
  // document or start it, as before.
  const rowid = sqliteDocId(doc.ticketId, doc.visibility);
  if (!doc.isNew) {
    await sql`${atBatchEnd} UPDATE ticket_search SET body = body || char(10) || ${doc.text} WHERE rowid = ${rowid}`.execute(tx);
    await sql`${atBatchEnd} INSERT INTO ticket_search (rowid, body)
      SELECT ${rowid}, ${doc.text} WHERE NOT EXISTS (SELECT 1 FROM ticket_search WHERE rowid = ${rowid})`.execute(tx);
    return;
  }
  await sql`${atBatchEnd} INSERT INTO ticket_search (rowid, body) VALUES (${rowid}, ${doc.text})`.execute(tx);
}
