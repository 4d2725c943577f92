import { formatTicketNumber, priorityFor, priorityRank, type CreateTicketBody, type Level, type PriorityMatrix } from '@deskside/shared';
import { forbidden, invalid } from '../../errors.js';
import { defaultIntakeGroup, findGroup, findUserById, isStaff } from '../identity/index.js';
import { indexTicketText } from '../search/index.js';
import { getDeskSettings } from '../settings/index.js';
import { chooseSlaPolicy, loadSlaRules, newTicketSla, slaQueueDueAt } from '../sla/index.js';
import { appendEvent } from './events-repo.js';
import { rememberSla } from './present-with-sla.js';
import { scheduleSlaCheck } from './schedule-sla-check.js';
import type { UseCaseContext } from './ticket-writes.js';
import { allocateTicketSequence, insertTicket, type TicketView } from './tickets-repo.js';

export type TicketChannel = 'portal' | 'desk' | 'api' | 'email';

/**
 * Opens a ticket: prioritised by the matrix, owned by a group from the first
 * moment, numbered, on the timeline and searchable, all in one transaction.
 */
export async function createTicket(ctx: UseCaseContext, input: CreateTicketBody & { channel: TicketChannel }) {
  const { tx, actor, now } = ctx;
  const staff = isStaff(actor);
  if (!staff && input.requesterId !== undefined && input.requesterId !== actor.id) {
    throw forbidden('Requesters report tickets for themselves');
  }
  if (!staff && input.groupId !== undefined) throw forbidden('Only the desk chooses the owning group');
  const requesterId = input.requesterId ?? actor.id;
  const requester = requesterId === actor.id ? actor : await findUserById(tx, requesterId);
  if (!requester) throw invalid('requesterId', `person ${requesterId} does not exist`);
  const group = input.groupId === undefined ? await defaultIntakeGroup(tx) : await findGroup(tx, input.groupId);
  if (!group) throw invalid('groupId', input.groupId === undefined ? 'no group exists yet; an admin must create one' : `group ${input.groupId} does not exist`);

  const settings = await getDeskSettings(tx);
  const priority = priorityFor(settings.priorityMatrix as PriorityMatrix, input.impact as Level, input.urgency as Level);
  const number = formatTicketNumber(input.type, await allocateTicketSequence(tx, input.type));
  const policy = await chooseSlaPolicy(tx, await loadSlaRules(tx), { type: input.type, category: input.category ?? null, requesterId });
  const clocks = { status: 'new', priority: priorityRank(priority), created_at: now, next_update_at: null, resolved_at: null, closed_at: null } as const;
  const sla = policy ? { policy, state: newTicketSla(policy, priority, now) } : null;
  const row = await insertTicket(tx, {
    number,
    type: input.type,
    subject: input.subject,
    description: input.description,
    status: 'new',
    is_open: 1,
    pending_reason: null,
    impact: input.impact,
    urgency: input.urgency,
    priority: priorityRank(priority),
    priority_override: null,
    priority_override_reason: null,
    category: input.category ?? null,
    version: 1,
    channel: input.channel,
    requester_id: requesterId,
    // The desk acting on its own (SYSTEM_ACTOR, id 0) is no person: no user row to point at.
    created_by_id: actor.id === 0 ? null : actor.id,
    group_id: group.id,
    assignee_id: null,
    accepted_at: null,
    accepted_by_id: null,
    acknowledged_at: null,
    restatement: null,
    next_update_at: null,
    restored_at: null,
    workaround: null,
    resolved_at: null,
    symptom: null,
    cause: null,
    resolution: null,
    closed_at: null,
    confirmed_at: null,
    auto_close_at: null,
    reopen_count: 0,
    due_at: slaQueueDueAt(clocks, sla?.state ?? null, now),
    sla_policy_id: policy?.id ?? null,
    created_at: now,
    updated_at: now,
  });
  const eventId = await appendEvent(tx, {
    ticketId: row.id,
    type: 'created',
    visibility: 'public',
    actorId: actor.id === 0 ? null : actor.id,
    data: { impact: input.impact, urgency: input.urgency, priority, channel: input.channel, groupId: group.id },
    now,
  });
  await scheduleSlaCheck(tx, row, sla, now);
  await indexTicketText(tx, { ticketId: row.id, visibility: 'public', text: `${number} ${input.subject}\n${input.description}`, isNew: true });
  // Everything the view joins in is already at hand; reading it back cost a five-way join.
  // eventId: the 'created' event, for what arrives with the report (mail attachments).
  const view: TicketView & { eventId: number } = {
    ...row, requester_name: requester.name, group_name: group.name, group_tier: group.tier, assignee_name: null, accepted_by_name: null, eventId,
  };
  rememberSla(view, now, sla, (at) => (policy ? { policy, state: newTicketSla(policy, priority, now, at) } : null));
  return view;
}
