import { PostgresAdapter, sql } from 'kysely';
import type { TicketEventType } from '@deskside/shared';
import type { Db, Tx } from '../../db/connect.js';

type Q = Db | Tx;

export interface NewTicketEvent {
  ticketId: number;
  type: TicketEventType;
  visibility: 'public' | 'internal';
  actorId: number | null;
  body?: string | null;
  data?: Record<string, unknown>;
  now: number;
}

/** The channel open desks listen on; see live/change-feed.ts. */
export const CHANGE_CHANNEL = 'deskside_ticket_changes';

/**
 * Appends one timeline event inside the transaction that made the change.
 * On PostgreSQL the same transaction notifies listening nodes; the notice is
 * delivered only if the transaction commits.
 */
export async function appendEvent(tx: Tx, e: NewTicketEvent): Promise<number> {
  const row = await tx
    .insertInto('ticket_events')
    .values({
      ticket_id: e.ticketId,
      type: e.type,
      visibility: e.visibility,
      actor_id: e.actorId,
      body: e.body ?? null,
      data: JSON.stringify(e.data ?? {}),
      created_at: e.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (tx.getExecutor().adapter instanceof PostgresAdapter) {
    const payload = JSON.stringify({ eventId: row.id, ticketId: e.ticketId, type: e.type, visibility: e.visibility });
    await sql`SELECT pg_notify(${CHANGE_CHANNEL}, ${payload})`.execute(tx);
  }
  return row.id;
}

export async function listEvents(q: Q, ticketId: number, includeInternal: boolean) {
  let query = q
    .selectFrom('ticket_events as e')
    .leftJoin('users as u', 'u.id', 'e.actor_id')
    .selectAll('e')
    .select('u.name as actor_name')
    .where('e.ticket_id', '=', ticketId);
  if (!includeInternal) query = query.where('e.visibility', '=', 'public');
  return query.orderBy('e.id').execute();
}
