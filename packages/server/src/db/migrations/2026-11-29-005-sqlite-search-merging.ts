import { type Kysely, sql } from 'kysely';
import { isPostgres } from './schema-helpers.js';

export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) return;
  // FTS5 writes each transaction's words as a new small segment and, by default,
  // merges four segments of a level as soon as they exist. With one create per
  // savepoint (decision 0012) that merging was the largest cost of a create after
  // the fsync (0.17 ms of 0.33 at 1M tickets); merging eight at a time cut it to
  // 0.03 ms, for a few more segments for a search to look into.
  await sql`INSERT INTO ticket_search (ticket_search, rank) VALUES ('automerge', 8)`.execute(db);
}
