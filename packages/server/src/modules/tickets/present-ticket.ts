import { priorityFromRank, type Ticket, type TicketEvent, type TicketSla, type TicketSlaSummary, type TicketSummary } from '@deskside/shared';
import type { TicketEventRow } from '../../db/types.js';
import type { Actor } from '../identity/index.js';
import { isStaff } from '../identity/index.js';
import { isRealDueAt } from '../sla/index.js';
import { abilitiesOf } from './ticket-policy.js';
import type { TicketView } from './tickets-repo.js';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const ref = (id: number | null, name: string | null) => (id === null || name === null ? null : { id, name });

/**
 * The ticket as this actor may see it: requesters never see internal-only fields, nor the
 * SLA clocks (the desk's internal targets; they see the promised next update instead).
 */
export function presentTicket(t: TicketView, actor: Actor, sla: TicketSla | null = null, slaStatus: TicketSlaSummary | null = null): Ticket {
  const staff = isStaff(actor);
  return {
    ...presentSummary(t, staff ? { slaStatus } : 'requester'),
    description: t.description,
    priorityOverride:
      t.priority_override === null
        ? null
        : { priority: priorityFromRank(t.priority_override), reason: staff ? (t.priority_override_reason ?? '') : '' },
    acceptedBy: ref(t.accepted_by_id, t.accepted_by_name),
    acknowledgedAt: iso(t.acknowledged_at),
    restatement: t.restatement,
    workaround: t.workaround,
    symptom: t.symptom,
    cause: t.cause,
    resolution: t.resolution,
    closedAt: iso(t.closed_at),
    confirmedAt: iso(t.confirmed_at),
    autoCloseAt: iso(t.auto_close_at),
    reopenCount: t.reopen_count,
    channel: t.channel,
    abilities: abilitiesOf(actor, t),
    sla: staff ? sla : null,
  };
}

/**
 * A queue row. Staff get the SLA line and the queue's due time; a requester's due time is
 * the promised next update, never the desk's internal targets.
 */
export function presentSummary(t: TicketView, view: { slaStatus: TicketSlaSummary | null } | 'requester' = { slaStatus: null }): TicketSummary {
  const staff = view !== 'requester';
  return {
    id: t.id,
    number: t.number,
    type: t.type,
    subject: t.subject,
    status: t.status,
    pendingReason: t.pending_reason,
    impact: t.impact,
    urgency: t.urgency,
    priority: priorityFromRank(t.priority),
    category: t.category,
    version: t.version,
    requesterId: t.requester_id,
    requester: { id: t.requester_id, name: t.requester_name },
    groupId: t.group_id,
    group: { id: t.group_id, name: t.group_name, tier: t.group_tier },
    assigneeId: t.assignee_id,
    assignee: ref(t.assignee_id, t.assignee_name),
    acceptedAt: iso(t.accepted_at),
    nextUpdateAt: iso(t.next_update_at),
    restoredAt: iso(t.restored_at),
    resolvedAt: iso(t.resolved_at),
    createdAt: new Date(t.created_at).toISOString(),
    updatedAt: new Date(t.updated_at).toISOString(),
    // A ticket whose clocks all pause sorts after the running ones by a key that is no instant.
    dueAt: !t.is_open ? null : staff ? (isRealDueAt(t.due_at) ? iso(t.due_at) : null) : iso(t.next_update_at),
    slaStatus: staff ? view.slaStatus : null,
  };
}

export function presentEvent(e: TicketEventRow & { actor_name: string | null }): TicketEvent {
  return {
    id: e.id,
    ticketId: e.ticket_id,
    type: e.type as TicketEvent['type'],
    visibility: e.visibility,
    actor: ref(e.actor_id, e.actor_name),
    body: e.body,
    data: JSON.parse(e.data) as Record<string, unknown>,
    createdAt: new Date(e.created_at).toISOString(),
  };
}
