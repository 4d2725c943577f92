import type { Db, Tx } from '../../../db/connect.js';
import type { MailMessageRow, MailMessagesTable } from '../../../db/types.js';
import type { Insertable } from 'kysely';

type Q = Db | Tx;

/** Inserts an outbound message once per cause; null when that cause was queued already. */
export async function insertMailMessage(tx: Tx, row: Insertable<MailMessagesTable>): Promise<number | null> {
  const inserted = await tx
    .insertInto('mail_messages')
    .values(row)
    .onConflict((oc) => oc.column('source_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted?.id ?? null;
}

export function findMailMessage(q: Q, id: number): Promise<MailMessageRow | undefined> {
  return q.selectFrom('mail_messages').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A ticket's first and latest message that left or reached the desk (skipped ones never did). */
export async function threadEnds(q: Q, ticketId: number): Promise<{ first: MailMessageRow; latest: MailMessageRow } | null> {
  // An inbound message without a Message-ID is keyed "sha256:…", which no mail client can reference.
  const thread = q
    .selectFrom('mail_messages')
    .selectAll()
    .where('ticket_id', '=', ticketId)
    .where('status', '!=', 'skipped')
    .where('message_id', 'not like', 'sha256:%');
  const first = await thread.orderBy('id', 'asc').limit(1).executeTakeFirst();
  if (!first) return null;
  const latest = await thread.orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
  return { first, latest };
}

/** Records an outcome; a row already sent stays sent (a late failure report must not undo it). */
export async function setMailStatus(q: Q, id: number, status: 'sent' | 'failed' | 'skipped', at: number, error: string | null): Promise<void> {
  await q
    .updateTable('mail_messages')
    .set({ status, last_error: error, ...(status === 'sent' ? { sent_at: at } : {}) })
    .where('id', '=', id)
    .where('status', '!=', 'sent')
    .execute();
}

/** The person a message goes to, as far as sending needs to know. */
export function findRecipient(q: Q, personId: number) {
  return q.selectFrom('users').select(['id', 'name', 'email', 'disabled_at']).where('id', '=', personId).executeTakeFirst();
}

/** The ticket's oldest reply token, so every message carries the same address. */
export async function findReplyToken(q: Q, ticketId: number): Promise<string | null> {
  const row = await q.selectFrom('ticket_reply_tokens').select('token').where('ticket_id', '=', ticketId).orderBy('created_at').orderBy('token').limit(1).executeTakeFirst();
  return row?.token ?? null;
}

export async function insertReplyToken(tx: Tx, ticketId: number, token: string, now: number): Promise<void> {
  await tx.insertInto('ticket_reply_tokens').values({ token, ticket_id: ticketId, created_at: now }).execute();
}

export async function ticketIdOfReplyToken(q: Q, token: string): Promise<number | null> {
  const row = await q.selectFrom('ticket_reply_tokens').select('ticket_id').where('token', '=', token).executeTakeFirst();
  return row?.ticket_id ?? null;
}

/** Automatic mails queued for a person since `since` that were not skipped (they count against the daily cap). */
export async function countAutomaticMailTo(q: Q, personId: number, since: number): Promise<number> {
  const row = await q
    .selectFrom('mail_messages')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('person_id', '=', personId)
    .where('created_at', '>', since)
    .where('direction', '=', 'out')
    .where('auto_submitted', '!=', 'no')
    .where('status', '!=', 'skipped')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
