import { PostgresAdapter, sql } from 'kysely';
import type { Db, Tx } from '../../db/connect.js';
import type { GroupRow } from '../../db/types.js';

type Q = Db | Tx;

/** The dedupe key of the SLA check a ticket has for one instant: one job per ticket and instant. */
export { slaCheckKey } from '../sla/index.js';

/** The identity of a mark, as `slaMarksOf` returns them. */
export function markKey(target: string, stage: string, dueAt: number): string {
  return `${target}:${stage}:${dueAt}`;
}

/**
 * Takes the ticket's row lock on PostgreSQL, so two workers checking one ticket take turns
 * and the second sees the first's marks; SQLite runs one write transaction at a time anyway.
 */
export async function lockTicketRow(tx: Tx, ticketId: number): Promise<void> {
  if (!(tx.getExecutor().adapter instanceof PostgresAdapter)) return;
  await tx.selectFrom('tickets').select('id').where('id', '=', ticketId).forUpdate().execute();
}

/** Records that a stage was acted on; false when it was already (the unique key decides). */
export async function insertSlaMark(tx: Tx, m: { ticketId: number; target: string; stage: string; dueAt: number; now: number }): Promise<boolean> {
  const row = await tx
    .insertInto('sla_marks')
    .values({ ticket_id: m.ticketId, target: m.target, stage: m.stage, due_at: m.dueAt, created_at: m.now })
    .onConflict((oc) => oc.columns(['ticket_id', 'target', 'stage', 'due_at']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/** Every stage already acted on for a ticket, as markKey strings. */
export async function slaMarksOf(q: Q, ticketId: number): Promise<Set<string>> {
  const rows = await q.selectFrom('sla_marks').select(['target', 'stage', 'due_at']).where('ticket_id', '=', ticketId).execute();
  return new Set(rows.map((r) => markKey(r.target, r.stage, Number(r.due_at))));
}

/** Active staff of a group, optionally only its leads. */
export async function activeStaffOfGroup(q: Q, groupId: number, leadsOnly: boolean): Promise<number[]> {
  const rows = await q
    .selectFrom('group_members as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select('u.id')
    .where('m.group_id', '=', groupId)
    .where('u.disabled_at', 'is', null)
    .where('u.role', 'in', leadsOnly ? ['lead'] : ['agent', 'lead', 'admin'])
    .orderBy('u.id')
    .execute();
  return rows.map((r) => r.id);
}

/** The desk's active leads, whatever their groups. */
export async function activeLeads(q: Q): Promise<number[]> {
  const rows = await q.selectFrom('users').select('id').where('role', '=', 'lead').where('disabled_at', 'is', null).orderBy('id').execute();
  return rows.map((r) => r.id);
}

/** The lowest-tier group above this tier (ties by name); undefined at the top tier. */
export async function nextTierGroup(q: Q, tier: number): Promise<GroupRow | undefined> {
  return q.selectFrom('groups').selectAll().where('tier', '>', tier).orderBy('tier').orderBy('name').limit(1).executeTakeFirst();
}

/**
 * Open tickets whose queue key (their earliest due instant) has passed and which have no
 * check job keyed on that instant, in any state: done means it was checked at or after it.
 * Reads tickets_open_due and probes the jobs' unique dedupe key once per ticket.
 */
export async function overdueTicketsWithoutCheck(q: Q, now: number, limit: number): Promise<{ id: number; due_at: number }[]> {
  const rows = await q
    .selectFrom('tickets as t')
    .select(['t.id', 't.due_at'])
    .where('t.is_open', '=', 1)
    .where('t.due_at', '<', now)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('jobs as j').select('j.id').where('j.dedupe_key', '=', sql<string>`'sla:' || t.id || ':' || t.due_at`))),
    )
    .orderBy('t.due_at')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, due_at: Number(r.due_at) }));
}
