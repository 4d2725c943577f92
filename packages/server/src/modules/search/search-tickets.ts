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

/** How many of the newest ticket ids PostgreSQL walks in id order before asking the GIN index instead. */
const WALK_WINDOW = 20_000;

/** The words of a query, without operators: what a person typed is never query syntax. */
export function searchTerms(q: string): string[] {
  return [...new Set((q.toLowerCase().match(WORD) ?? []).slice(0, 12))];
}

/**
 * One batch of matching ticket ids below `before`, newest ticket first, each once.
 * Walking the index in ticket order keeps common words as fast as rare ones: the
 * database stops after a batch instead of ranking every match.
 */
export async function searchTicketIds(
  q: Q,
  text: string,
  scope: SearchScope,
  before: number | null,
  batch: number,
  walkWindow = WALK_WINDOW,
): Promise<number[]> {
  const terms = searchTerms(text);
  if (terms.length === 0) return [];
  if (q.getExecutor().adapter instanceof PostgresAdapter) return postgresTicketIds(q, terms, scope, before, batch, walkWindow);
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

/**
 * PostgreSQL guesses any word outside its most-common list at ~0.5 % of documents, so
 * for ORDER BY ticket_id LIMIT it walked the primary key backwards: quick for a common
 * word, but for a rare one it read every document (300 ms at 1M tickets). So it walks
 * only the newest WALK_WINDOW ids, and looks further back, if it must, through the GIN
 * index, sorting the matches in a subquery the planner cannot turn back into a walk.
 * That is quick unless a word is frequent in old tickets yet absent from recent ones.
 */
async function postgresTicketIds(q: Q, terms: string[], scope: SearchScope, before: number | null, batch: number, walkWindow: number): Promise<number[]> {
  const query = sql`plainto_tsquery('english', ${terms.join(' ')})`;
  const scoped = sql`${scope.publicOnly ? sql`AND s.visibility = 'public'` : sql``}
    ${scope.requesterId === undefined ? sql`` : sql`AND s.ticket_id IN (SELECT id FROM tickets WHERE requester_id = ${scope.requesterId})`}`;
  let upper = before;
  if (upper === null) {
    const top = await sql<{ id: number | null }>`SELECT max(ticket_id) AS id FROM ticket_search`.execute(q);
    if (top.rows[0]?.id == null) return [];
    upper = Number(top.rows[0].id) + 1;
  }
  const lower = upper - walkWindow;
  const recent = await sql<{ ticket_id: number }>`
    SELECT DISTINCT s.ticket_id FROM ticket_search s
    WHERE s.tsv @@ ${query} AND s.ticket_id < ${upper} AND s.ticket_id >= ${lower} ${scoped}
    ORDER BY s.ticket_id DESC LIMIT ${batch}`.execute(q);
  const ids = recent.rows.map((r) => r.ticket_id);
  if (ids.length === batch || lower <= 0) return ids;
  const older = await sql<{ ticket_id: number }>`
    SELECT ticket_id FROM (
      SELECT DISTINCT s.ticket_id FROM ticket_search s WHERE s.tsv @@ ${query} AND s.ticket_id < ${lower} ${scoped}
    ) matches ORDER BY ticket_id DESC LIMIT ${batch - ids.length}`.execute(q);
  return ids.concat(older.rows.map((r) => r.ticket_id));
}
