import { sql } from 'kysely';
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

/** Next human number for a type; one row per type, incremented inside the creating transaction. */
export async function allocateTicketSequence(tx: Tx, type: TicketRow['type']): Promise<number> {
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
