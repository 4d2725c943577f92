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
  const values = {
    ticket_id: e.ticketId,
    type: e.type,
    visibility: e.visibility,
    actor_id: e.actorId,
    body: e.body ?? null,
    data: JSON.stringify(e.data ?? {}),
    created_at: e.now,
  };
  if (tx.getExecutor().adapter instanceof PostgresAdapter) {
    // One statement, not two: every round trip inside a create transaction counts.
    const { rows } = await sql<{ id: number }>`
      WITH e AS (
        INSERT INTO ticket_events (ticket_id, type, visibility, actor_id, body, data, created_at)
        VALUES (${values.ticket_id}, ${values.type}, ${values.visibility}, ${values.actor_id}, ${values.body}, ${values.data}, ${values.created_at})
        RETURNING id
      )
      SELECT id, pg_notify(${CHANGE_CHANNEL}, json_build_object(
        'eventId', id, 'ticketId', ${e.ticketId}::int, 'type', ${e.type}::text, 'visibility', ${e.visibility}::text)::text)
      FROM e`.execute(tx);
    return rows[0]!.id;
  }
  const row = await tx.insertInto('ticket_events').values(values).returning('id').executeTakeFirstOrThrow();
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
