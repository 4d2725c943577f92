import type { AuditLogEntry, AuditRecord } from '@deskside/shared';
import type { AuditLogRow } from '../../db/types.js';

/**
 * A stored link as the API and the export show it. The entry is handed over as stored
 * (the canonical JSON, parsed), so a SIEM can recompute every hash from what it received.
 */
export function presentAuditRecord(row: AuditLogRow): AuditRecord {
  return { seq: row.seq, prevHash: row.prev_hash, hash: row.hash, entry: JSON.parse(row.entry) as AuditLogEntry };
}
