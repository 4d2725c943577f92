import { PostgresAdapter, sql } from 'kysely';
import type { Db, Tx } from '../../db/connect.js';
import type { TicketRow } from '../../db/types.js';

type Q = Db | Tx;

// Notes, assignments and acceptances never move a clock; leaving them out of the read
// keeps the queue page and the bench from parsing rows they would throw away.
const SLA_EVENT_TYPES = ['created', 'acknowledged', 'public_reply', 'status_changed', 'field_changed', 'reopened', 'confirmed', 'auto_closed'] as const;

/** The part of a stored event the SLA clock reads. */
export interface SlaEventRow {
  ticket_id: number;
  type: string;
  actor_id: number | null;
  data: string;
  created_at: number;
}

// Each ticket's events come back packed into one string (fields split by \x1f, events by
// \x1e): a row per ticket instead of one per event halves the cost of reading a page on both
// drivers. JSON.stringify escapes control characters, so neither separator occurs in `data`.
const FIELD = '\x1f';
const EVENT = '\x1e';

/** The SLA-relevant events of several tickets in one query, each ticket's in the order they were written. */
export async function slaEventsOf(q: Q, ticketIds: readonly number[]): Promise<Map<number, SlaEventRow[]>> {
  const byTicket = new Map<number, SlaEventRow[]>();
  if (ticketIds.length === 0) return byTicket;
  const packed =
    q.getExecutor().adapter instanceof PostgresAdapter
      ? sql<string>`string_agg(type || chr(31) || coalesce(actor_id::text, '') || chr(31) || created_at::text || chr(31) || data, chr(30) ORDER BY id)`
      : sql<string>`group_concat(type || char(31) || coalesce(actor_id, '') || char(31) || created_at || char(31) || data, char(30) ORDER BY id)`;
  const rows = await q
    .selectFrom('ticket_events')
    .select(['ticket_id', packed.as('events')])
    .where('ticket_id', 'in', ticketIds)
    .where('type', 'in', SLA_EVENT_TYPES)
    // Only priority changes matter among field changes; their data is written as {"field":…} first.
    .where((eb) => eb.or([eb('type', '<>', 'field_changed'), eb('data', 'like', '{"field":"priority"%')]))
    .groupBy('ticket_id')
    .execute();
  for (const row of rows) {
    const events: SlaEventRow[] = [];
    for (const packedEvent of row.events.split(EVENT)) {
      const [type, actor, at, data] = packedEvent.split(FIELD) as [string, string, string, string];
      events.push({ ticket_id: row.ticket_id, type, actor_id: actor === '' ? null : Number(actor), data, created_at: Number(at) });
    }
    byTicket.set(row.ticket_id, events);
  }
  return byTicket;
}

/** What choosing a policy needs to know of the requester. */
export async function requesterTraits(q: Q, requesterId: number, needGroups: boolean): Promise<{ vip: boolean; groupIds: number[]; site: string | null }> {
  const user = await q.selectFrom('users').select(['vip', 'site']).where('id', '=', requesterId).executeTakeFirst();
  const groups = needGroups
    ? await q.selectFrom('group_members').select('group_id').where('user_id', '=', requesterId).execute()
    : [];
  return { vip: user?.vip === 1, groupIds: groups.map((g) => g.group_id), site: user?.site ?? null };
}

/** The open tickets that run on any of these policies (NULL: the default policy), a page at a time by id. */
export async function openTicketsOnPolicies(q: Q, policyIds: readonly number[], includeUnset: boolean, afterId: number, limit: number): Promise<TicketRow[]> {
  if (policyIds.length === 0 && !includeUnset) return [];
  return q
    .selectFrom('tickets')
    .selectAll()
    .where('is_open', '=', 1)
    .where((eb) => {
      const ors = [];
      if (policyIds.length > 0) ors.push(eb('sla_policy_id', 'in', policyIds));
      if (includeUnset) ors.push(eb('sla_policy_id', 'is', null));
      return eb.or(ors);
    })
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
}
