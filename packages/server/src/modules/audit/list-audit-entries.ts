import type { AuditList, ListAuditQuery } from '@deskside/shared';
import type { Db } from '../../db/connect.js';
import { readLinksBefore } from './audit-repo.js';
import { presentAuditRecord } from './present-audit-record.js';

/** One page of the audit log, newest first, keyset-paged by seq. */
export async function listAuditEntries(db: Db, query: ListAuditQuery): Promise<AuditList> {
  // One row more than the page says whether there is a next page without a count.
  const rows = await readLinksBefore(db, query.before, query.limit + 1);
  const page = rows.slice(0, query.limit);
  return { items: page.map(presentAuditRecord), nextBefore: rows.length > query.limit ? page[page.length - 1]!.seq : null };
}
