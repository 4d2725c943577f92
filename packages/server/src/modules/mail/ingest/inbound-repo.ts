import { createHash } from 'node:crypto';
import type { Insertable } from 'kysely';
import type { Db, Tx } from '../../../db/connect.js';
import type { MailMessagesTable } from '../../../db/types.js';
import type { ThreadLookups } from '../inbound/index.js';
import { ticketIdOfReplyToken } from '../outbound/mail-messages-repo.js';
import { STAFF_NOTICE_KIND } from '../outbound/queue-staff-notice.js';

type Q = Db | Tx;

/** Raw bytes kept in quarantine: enough to read and re-run a message, not a disk filler. */
export const QUARANTINE_RAW_CAP = 5 * 1024 * 1024;

/** The stored message with this key, whichever direction it went. */
export function findMessageByKey(q: Q, key: string) {
  return q.selectFrom('mail_messages').select(['id', 'direction', 'content_hash', 'ticket_id', 'status']).where('message_id', '=', key).executeTakeFirst();
}

/** Records an inbound message; the unique Message-ID makes a concurrent second delivery fail here. */
export async function insertInboundMessage(tx: Tx, row: Insertable<MailMessagesTable>): Promise<number> {
  const inserted = await tx.insertInto('mail_messages').values(row).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}

/** Claims a held inbound row for a re-run; false when another re-run (or nothing) holds it. */
export async function claimHeldMessage(tx: Tx, id: number): Promise<boolean> {
  const result = await tx.updateTable('mail_messages').set({ status: 'received' }).where('id', '=', id).where('status', '=', 'held').executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function settleInboundMessage(tx: Tx, id: number, changes: { ticket_id: number | null; person_id: number | null; status: string; last_error: string | null }): Promise<void> {
  await tx.updateTable('mail_messages').set(changes).where('id', '=', id).execute();
}

/** Keeps a message the desk will not file; the same bytes again only count another attempt. */
export async function quarantineMessage(
  q: Q,
  entry: { mailbox: string; dedupeKey: string | null; reason: string; raw: Buffer; now: number },
): Promise<number> {
  const rawSha256 = createHash('sha256').update(entry.raw).digest('hex');
  const row = await q
    .insertInto('mail_quarantine')
    .values({
      mailbox: entry.mailbox,
      dedupe_key: entry.dedupeKey,
      raw_sha256: rawSha256,
      reason: entry.reason.slice(0, 500),
      raw: entry.raw.subarray(0, QUARANTINE_RAW_CAP),
      raw_size: entry.raw.length,
      attempts: 1,
      created_at: entry.now,
      last_attempt_at: entry.now,
    })
    .onConflict((oc) =>
      oc.columns(['mailbox', 'raw_sha256']).doUpdateSet((eb) => ({ attempts: eb('mail_quarantine.attempts', '+', 1), last_attempt_at: entry.now })),
    )
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The lookups threading may make, read in the ingest's transaction. */
export function threadLookupsIn(tx: Tx): ThreadLookups {
  return {
    async ticketByMessageId(messageId) {
      const row = await tx.selectFrom('mail_messages').select('ticket_id').where('message_id', '=', messageId).where('ticket_id', 'is not', null).executeTakeFirst();
      return row?.ticket_id ?? null;
    },
    ticketByReplyToken: (token) => ticketIdOfReplyToken(tx, token),
    async isStaffNotice(messageId) {
      const row = await tx.selectFrom('mail_messages').select('id').where('message_id', '=', messageId).where('kind', '=', STAFF_NOTICE_KIND).executeTakeFirst();
      return row !== undefined;
    },
    async ticketByNumber(number) {
      const row = await tx.selectFrom('tickets').select('id').where('number', '=', number).executeTakeFirst();
      return row?.id ?? null;
    },
    // The requester, the assignee, and whoever answered publicly on it. Others (a watcher
    // list does not exist yet) get a linked new ticket rather than a voice on this one.
    async participantsOf(ticketId) {
      const row = await tx
        .selectFrom('tickets')
        .innerJoin('users as requester', 'requester.id', 'tickets.requester_id')
        .leftJoin('users as assignee', 'assignee.id', 'tickets.assignee_id')
        .select(['requester.email as requesterEmail', 'assignee.email as assigneeEmail'])
        .where('tickets.id', '=', ticketId)
        .executeTakeFirst();
      if (!row) return [];
      const repliers = await tx
        .selectFrom('ticket_events')
        .innerJoin('users', 'users.id', 'ticket_events.actor_id')
        .select('users.email')
        .distinct()
        .where('ticket_events.ticket_id', '=', ticketId)
        .where('ticket_events.type', '=', 'public_reply')
        .execute();
      const emails = [row.requesterEmail, row.assigneeEmail, ...repliers.map((r) => r.email)];
      return [...new Set(emails.filter((email): email is string => typeof email === 'string').map((email) => email.toLowerCase()))];
    },
  };
}
