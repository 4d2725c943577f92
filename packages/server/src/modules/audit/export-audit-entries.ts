import type { Db } from '../../db/connect.js';
import { readChainHead, readLinksAfter } from './audit-repo.js';

const BATCH = 1_000;

/**
 * The log after `since` as JSON lines (seq, prevHash, hash, entry), oldest first, read in
 * batches so an export of any size holds one batch in memory. It stops at the head read at
 * the start: a SIEM asks again from its last seq for what came later.
 */
export async function* exportAuditEntries(db: Db, since: number): AsyncGenerator<string> {
  const head = await readChainHead(db);
  let after = since;
  for (;;) {
    const rows = await readLinksAfter(db, after, head.seq, BATCH);
    // The entry goes out as the stored bytes, so the line's entry is exactly what was hashed.
    for (const row of rows) yield `{"seq":${row.seq},"prevHash":${JSON.stringify(row.prev_hash)},"hash":${JSON.stringify(row.hash)},"entry":${row.entry}}\n`;
    if (rows.length < BATCH) return;
    after = rows[rows.length - 1]!.seq;
  }
}
