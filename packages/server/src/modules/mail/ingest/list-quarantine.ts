import type { QuarantinedMessage } from '@deskside/shared';
import type { Db } from '../../../db/connect.js';
import { readQuarantineHeaders } from './quarantine-headers.js';
import { listQuarantineRows, type QuarantineRow } from './quarantine-repo.js';

const LIST_LIMIT = 200;

/** The messages waiting in quarantine, newest first, as admins see them. */
export async function listQuarantine(db: Db): Promise<QuarantinedMessage[]> {
  return (await listQuarantineRows(db, LIST_LIMIT)).map(presentQuarantined);
}

/** A held row for the API: headers read lightly, the raw bytes left behind. */
export function presentQuarantined(row: QuarantineRow): QuarantinedMessage {
  const headers = readQuarantineHeaders(row.raw);
  return {
    id: row.id,
    mailbox: row.mailbox,
    reason: row.reason,
    ...headers,
    attempts: row.attempts,
    createdAt: new Date(Number(row.created_at)).toISOString(),
    lastAttemptAt: new Date(Number(row.last_attempt_at)).toISOString(),
    size: row.raw_size,
  };
}
