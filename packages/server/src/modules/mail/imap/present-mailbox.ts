import type { MailMailbox } from '@deskside/shared';
import type { MailMailboxRow } from '../../../db/types.js';

const iso = (ms: number) => new Date(ms).toISOString();

/** A mailbox for admins: every setting but the password, of which only its presence is told. */
export function presentMailbox(row: MailMailboxRow, now: number): MailMailbox {
  return {
    id: row.id,
    address: row.address,
    host: row.host,
    port: row.port,
    tlsMode: row.tls_mode,
    allowInsecure: row.allow_insecure === 1,
    username: row.username,
    passwordSet: row.password.length > 0,
    folder: row.folder,
    afterFiling: row.after_filing,
    moveTo: row.move_to,
    enabled: row.enabled === 1,
    version: row.version,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    status: {
      lastPollAt: row.last_poll_at === null ? null : iso(row.last_poll_at),
      lastError: row.last_error,
      lastUidValidity: row.last_uid_validity === null ? null : String(row.last_uid_validity),
      lastUid: row.last_uid,
      filedCount: row.filed_count,
      polledBy: row.lease_owner !== null && row.lease_until !== null && row.lease_until > now ? row.lease_owner : null,
    },
  };
}
