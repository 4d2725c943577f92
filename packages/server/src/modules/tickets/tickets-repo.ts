import { PostgresAdapter, sql } from 'kysely';
import type { Db, Tx } from '../../db/connect.js';
import type { NewTicketRow, TicketRow, TicketUpdate } from '../../db/types.js';
import { staleVersion } from '../../errors.js';

type Q = Db | Tx;

/** A ticket row with the names people see next to the ids. */
export type TicketView = TicketRow & {
  requester_name: string;
  group_name: string;
  group_tier: number;
  assignee_name: string | null;
  accepted_by_name: string | null;
};

/**
 * Next human number for a type. SQLite has one writer, so a counter row incremented
 * in the creating transaction is gapless for free. On PostgreSQL that row's lock was
 * held until commit and serialised every create; a sequence per type is never locked
 * but leaves a gap when a create rolls back after numbering (decision 0014).
 */
export async function allocateTicketSequence(tx: Tx, type: TicketRow['type']): Promise<number> {
  if (tx.getExecutor().adapter instanceof PostgresAdapter) {
    const next = await sql<{ value: number }>`SELECT nextval(${`ticket_number_${type}`}) AS value`.execute(tx);
    return Number(next.rows[0]!.value);
  }
  const row = await tx
    .insertInto('counters')
    .values({ name: `ticket:${type}`, value: 1 })
    .onConflict((oc) => oc.column('name').doUpdateSet({ value: sql`counters.value + 1` }))
    .returning('value')
    .executeTakeFirstOrThrow();
  return Number(row.value);
}

export async function insertTicket(tx: Tx, row: NewTicketRow): Promise<TicketRow> {
  return tx.insertInto('tickets').values(row).returningAll().executeTakeFirstOrThrow();
}

/** The ticket view joined with names; the caller adds filters and order. */
export function selectTicketViews(q: Q) {
  return q
    .selectFrom('tickets as t')
    .innerJoin('users as r', 'r.id', 't.requester_id')
    .innerJoin('groups as g', 'g.id', 't.group_id')
    .leftJoin('users as a', 'a.id', 't.assignee_id')
    .leftJoin('users as ab', 'ab.id', 't.accepted_by_id')
    .selectAll('t')
    .select([
      'r.name as requester_name',
      'g.name as group_name',
      'g.tier as group_tier',
      'a.name as assignee_name',
      'ab.name as accepted_by_name',
    ]);
}

/** Finds by numeric id or by human number (INC-000123). */
export async function findTicketView(q: Q, ref: string | number): Promise<TicketView | undefined> {
  const query = selectTicketViews(q);
  const byNumber = typeof ref === 'string' && !/^\d+$/.test(ref);
  return (byNumber ? query.where('t.number', '=', ref.toUpperCase()) : query.where('t.id', '=', Number(ref))).executeTakeFirst();
}

/** Writes a change guarded by the version the writer read; a concurrent writer gets 412, not a lost update. */
export async function updateTicketAtVersion(tx: Tx, id: number, version: number, changes: TicketUpdate): Promise<void> {
  const result = await tx
    .updateTable('tickets')
    .set({ ...changes, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) {
    const current = await tx.selectFrom('tickets').select('version').where('id', '=', id).executeTakeFirst();
    throw staleVersion(current?.version ?? version);
  }
}

export async function findIdempotentTicket(q: Q, actorId: number, key: string) {
  return q.selectFrom('idempotency_keys').selectAll().where('actor_id', '=', actorId).where('key', '=', key).executeTakeFirst();
}

/**
 * Makes concurrent attempts with one (caller, key) take turns until the first commits,
 * so the others find its ticket instead of numbering tickets of their own and rolling
 * back (which would leave gaps in PostgreSQL's sequences). SQLite already has one writer.
 */
export async function lockIdempotencyKey(tx: Tx, actorId: number, key: string): Promise<void> {
  if (!(tx.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`SELECT pg_advisory_xact_lock(${actorId}::int, hashtext(${key}))`.execute(tx);
}

export async function rememberIdempotencyKey(tx: Tx, row: { actorId: number; key: string; requestHash: string; ticketId: number; now: number }) {
  await tx
    .insertInto('idempotency_keys')
    .values({ actor_id: row.actorId, key: row.key, request_hash: row.requestHash, ticket_id: row.ticketId, created_at: row.now })
    .execute();
}

export async function resolvedTicketsDueForClosing(q: Q, now: number, limit: number) {
  return q
    .selectFrom('tickets')
    .select(['id', 'version'])
    .where('status', '=', 'resolved')
    .where('auto_close_at', '<=', now)
    .orderBy('auto_close_at')
    .limit(limit)
    .execute();
}
