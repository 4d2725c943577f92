import type { AuditLogEntry, AuditRecord } from '@deskside/shared';
import type { Tx } from '../../db/connect.js';
import { insertLink, lockChainHead } from './audit-repo.js';
import { canonicalJson } from './canonical-json.js';
import { linkHash } from './chain-hash.js';

/** Chains an already checked entry onto the head, inside the caller's transaction. */
export async function appendLink(tx: Tx, entry: AuditLogEntry): Promise<AuditRecord> {
  const json = canonicalJson(entry);
  const head = await lockChainHead(tx);
  const row = { seq: head.seq + 1, prev_hash: head.hash, hash: linkHash(head.hash, json), entry: json };
  await insertLink(tx, row);
  return { seq: row.seq, prevHash: row.prev_hash, hash: row.hash, entry };
}
