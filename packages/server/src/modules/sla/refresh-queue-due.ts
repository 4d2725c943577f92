import type { Db, Tx } from '../../db/connect.js';
import type { TicketRow } from '../../db/types.js';
import { computeTicketSlas, loadSlaRules } from './compute-ticket-sla.js';
import { enqueueJob } from '../../jobs/enqueue-job.js';
import { slaQueueDueAt } from './queue-due.js';
import { SLA_CHECK, slaCheckKey } from './sla-check-address.js';
import { openTicketsOnPolicies } from './sla-events-repo.js';

type Q = Db | Tx;

const PAGE = 500;

/**
 * The queue key of a ticket being written, from its stored events. Writers append their
 * events before saving the row, so the change being made is part of the replay.
 */
export async function ticketQueueDueAt(q: Q, ticket: TicketRow, now: number): Promise<number> {
  const sla = (await computeTicketSlas(q, [ticket], now)).get(ticket.id) ?? null;
  return slaQueueDueAt(ticket, sla?.state ?? null, now);
}

/**
 * Re-judges the open tickets of policies whose targets or calendar changed (decision 0017:
 * the policy applies to the whole history) and re-keys them for the queue, in the admin's
 * transaction. Only tickets whose key moved are written; their version stays, because the
 * ticket itself did not change. Each re-judged ticket gets an SLA check now: its warning
 * and breach instants moved with the targets, and the check records what is already
 * reached and schedules the next one (decision 0020).
 */
export async function recomputeQueueDue(tx: Tx, policyIds: readonly number[], includeUnset: boolean, now: number): Promise<number> {
  const rules = await loadSlaRules(tx);
  let changed = 0;
  for (let after = 0; ; ) {
    const tickets = await openTicketsOnPolicies(tx, policyIds, includeUnset, after, PAGE);
    if (tickets.length === 0) return changed;
    const slas = await computeTicketSlas(tx, tickets, now, rules);
    for (const t of tickets) {
      await enqueueJob(tx, { kind: SLA_CHECK, payload: { ticketId: t.id }, runAt: now, dedupeKey: slaCheckKey(t.id, now), now });
      const due = slaQueueDueAt(t, slas.get(t.id)?.state ?? null, now);
      if (due !== t.due_at) {
        await tx.updateTable('tickets').set({ due_at: due }).where('id', '=', t.id).execute();
        changed++;
      }
    }
    after = tickets[tickets.length - 1]!.id;
  }
}
