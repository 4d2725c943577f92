import { AUDIT_GENESIS_HASH, type AuditVerification } from '@deskside/shared';
import type { Db } from '../../db/connect.js';
import { maxStoredSeq, readChainHead, readLinksAfter } from './audit-repo.js';
import { linkHash } from './chain-hash.js';

const BATCH = 1_000;

/**
 * Walks the chain from seq 1 in batches and answers ok with the count and head hash, or
 * the first link that does not hold. Appends may run meanwhile: the walk stops at the
 * head it read first, and everything up to that head committed before the head did.
 */
export async function verifyAuditChain(db: Db, opts: { batchSize?: number } = {}): Promise<AuditVerification> {
  const head = await readChainHead(db);
  const batch = opts.batchSize ?? BATCH;
  let expectedSeq = 1;
  let prevHash = AUDIT_GENESIS_HASH;
  for (;;) {
    const rows = await readLinksAfter(db, expectedSeq - 1, head.seq, batch);
    for (const row of rows) {
      const verified = expectedSeq - 1;
      // A missing or moved row shows first as a hole in the numbering.
      if (row.seq !== expectedSeq) return broken(expectedSeq, 'seq_gap', `expected seq ${expectedSeq}, found ${row.seq}`, verified);
      if (row.prev_hash !== prevHash) {
        return broken(row.seq, 'prev_hash_mismatch', `prev_hash does not match the hash of seq ${row.seq - 1}`, verified);
      }
      if (linkHash(row.prev_hash, row.entry) !== row.hash) return broken(row.seq, 'hash_mismatch', 'the entry does not hash to its stored hash', verified);
      prevHash = row.hash;
      expectedSeq++;
    }
    if (rows.length < batch) break;
  }
  const count = expectedSeq - 1;
  // Links cut from the end leave a chain that holds together: the head remembers the length.
  if (count < head.seq) return broken(count + 1, 'head_mismatch', `the chain ends at seq ${count} but its head is at seq ${head.seq}`, count);
  if (count > 0 && head.hash !== prevHash) return broken(count, 'head_mismatch', `the head's hash differs from the hash of seq ${count}`, count);
  // Read after the walk and before the head again: an honest append commits its row and the
  // head together, so a row above a head read later was written around the desk.
  const stored = await maxStoredSeq(db);
  const latest = await readChainHead(db);
  if (stored > latest.seq) return broken(latest.seq + 1, 'head_mismatch', `seq ${stored} is stored beyond the chain head (seq ${latest.seq})`, count);
  return { ok: true, count, headHash: prevHash };
}

function broken(brokenAt: number, problem: Exclude<AuditVerification, { ok: true }>['problem'], detail: string, verified: number): AuditVerification {
  return { ok: false, brokenAt, problem, detail, verified };
}
