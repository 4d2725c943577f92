import type { ReprocessResult } from '@deskside/shared';
import { conflict, notFound } from '../../../errors.js';
import { ingestInboundMessage, type IngestDeps } from './ingest-inbound-message.js';
import { presentQuarantined } from './list-quarantine.js';
import { deleteQuarantineRow, findQuarantineRow, setQuarantineReason } from './quarantine-repo.js';

/**
 * Runs a held message through ingest again, once its cause is fixed: filed (or found to
 * be a duplicate, or machine mail) it leaves quarantine; held again it stays, one attempt
 * more, with the reason of this run.
 */
export async function reprocessQuarantined(deps: IngestDeps, id: number): Promise<ReprocessResult> {
  const row = await findQuarantineRow(deps.db, id);
  if (!row) throw notFound('quarantined message');
  const raw = Buffer.from(row.raw);
  if (raw.length < row.raw_size) throw conflict('Only the first 5 MB of this message were kept, so it cannot be filed again; discard it and ask the sender to resend.');
  const result = await ingestInboundMessage(deps, row.mailbox, raw, { refileHeld: true });
  if (result.outcome !== 'quarantined') {
    await deleteQuarantineRow(deps.db, id);
    return { outcome: result.outcome, ticketId: 'ticketId' in result ? result.ticketId : null, message: null };
  }
  // The same bytes land on this row again (attempts + 1); the reason is this run's.
  await setQuarantineReason(deps.db, id, result.reason);
  const after = await findQuarantineRow(deps.db, id);
  return { outcome: 'quarantined', ticketId: null, message: after ? presentQuarantined(after) : null };
}
