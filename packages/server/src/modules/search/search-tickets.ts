import { PostgresAdapter, sql } from 'kysely';
import type { Db, Tx } from '../../db/connect.js';

type Q = Db | Tx;

export interface SearchScope {
  /** Only what a requester may read: internal notes never match for them. */
  publicOnly: boolean;
  /** Only this requester's tickets. */
  requesterId?: number;
}

const WORD = /[\p{L}\p{N}]+/gu;

/** The words of a query, without operators: what a person typed is never query syntax. */
export function searchTerms(q: string): string[] {
  return [...new Set((q.toLowerCase().match(WORD) ?? []).slice(0, 12))];
}

/**
 * One batch of matching ticket ids below `before`, newest ticket first, each once.
 * Walking the index in ticket order keeps common words as fast as rare ones: the
 * database stops after a batch instead of ranking every match.
 */
export async function searchTicketIds(q: Q, text: string, scope: SearchScope, before: number | null, batch: number): Promise<number[]> {
  const terms = searchTerms(text);
  if (terms.length === 0) return [];
  if (q.getExecutor().adapter instanceof PostgresAdapter) {
    const rows = await sql<{ ticket_id: number }>`
      SELECT DISTINCT s.ticket_id FROM ticket_search s
      WHERE s.tsv @@ plainto_tsquery('english', ${terms.join(' ')})
        ${before === null ? sql`` : sql`AND s.ticket_id < ${before}`}
        ${scope.publicOnly ? sql`AND s.visibility = 'public'` : sql``}
        ${scope.requesterId === undefined ? sql`` : sql`AND s.ticket_id IN (SELECT id FROM tickets WHERE requester_id = ${scope.requesterId})`}
      ORDER BY s.ticket_id DESC LIMIT ${batch}`.execute(q);
    return rows.rows.map((r) => r.ticket_id);
  }
  const match = terms.map((t) => `"${t}"`).join(' ');
  const rows = await sql<{ id: number }>`
    SELECT rowid AS id FROM ticket_search
    WHERE ticket_search MATCH ${match}
      ${before === null ? sql`` : sql`AND rowid < ${before * 2}`}
      ${scope.publicOnly ? sql`AND rowid % 2 = 0` : sql``}
      ${scope.requesterId === undefined ? sql`` : sql`AND rowid / 2 IN (SELECT id FROM tickets WHERE requester_id = ${scope.requesterId})`}
    ORDER BY rowid DESC LIMIT ${batch * 2}`.execute(q);
  const ids: number[] = [];
  for (const r of rows.rows) {
    const id = Math.floor(Number(r.id) / 2);
    if (ids[ids.length - 1] !== id) ids.push(id);
  }
  return ids.slice(0, batch);
}
