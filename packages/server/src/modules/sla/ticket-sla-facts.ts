import { PENDING_REASONS, PRIORITIES, TICKET_STATUSES, type PendingReason, type Priority, type SlaFact, type TicketStatus } from '@deskside/shared';
import type { SlaEventRow } from './sla-events-repo.js';

const isPriority = (v: unknown): v is Priority => PRIORITIES.includes(v as Priority);
const isStatus = (v: unknown): v is TicketStatus => TICKET_STATUSES.includes(v as TicketStatus);
const isReason = (v: unknown): v is PendingReason => PENDING_REASONS.includes(v as PendingReason);

/**
 * Turns a ticket's stored events into the facts the SLA clock replays. Every status move
 * (acknowledge, pend, restore, resolve, reopen, confirm, auto-close) is stored with its
 * from and to, so the clock follows the ticket's status from them alone. An acknowledgement
 * is the first response; a public reply counts as an update from the desk unless the
 * requester wrote it (a requester who is also staff is still the one waiting for news).
 */
export function slaFactsOf(events: readonly SlaEventRow[], requesterId: number): SlaFact[] {
  const facts: SlaFact[] = [];
  for (const e of events) {
    const at = e.created_at;
    if (e.type === 'public_reply') {
      if (e.actor_id !== null && e.actor_id !== requesterId) facts.push({ kind: 'publicUpdate', at });
      continue;
    }
    const data = JSON.parse(e.data) as Record<string, unknown>;
    switch (e.type) {
      case 'created':
        if (isPriority(data.priority)) facts.push({ kind: 'created', at, priority: data.priority });
        break;
      case 'field_changed':
        if (data.field === 'priority' && isPriority(data.before) && isPriority(data.after) && data.before !== data.after) {
          facts.push({ kind: 'priorityChanged', at, from: data.before, to: data.after });
        }
        break;
      default:
        if (e.type === 'acknowledged') facts.push({ kind: 'firstResponse', at });
        if (isStatus(data.from) && isStatus(data.to)) {
          const pendingReason = data.to === 'pending' && isReason(data.reason) ? data.reason : null;
          facts.push({ kind: 'statusChanged', at, from: data.from, to: data.to, pendingReason });
        }
    }
  }
  return facts;
}
