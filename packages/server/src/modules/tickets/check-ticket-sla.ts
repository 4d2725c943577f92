import type { Db, Tx } from '../../db/connect.js';
import { notifySlaWarning } from '../notifications/index.js';
import { businessCalendarOf, computeTicketSla, escalationOf } from '../sla/index.js';
import { escalateBreach } from './escalate-breach.js';
import { appendEvent } from './events-repo.js';
import { scheduleSlaCheck } from './schedule-sla-check.js';
import { slaStagesOf, type SlaStage } from './sla-stages.js';
import { activeLeads, activeStaffOfGroup, insertSlaMark, lockTicketRow } from './sla-timers-repo.js';
import { SYSTEM_ACTOR } from './system-actor.js';
import { findTicketView, type TicketView } from './tickets-repo.js';

const EVENT_OF = { warning: 'sla_warning', breach: 'sla_breached', silent: 'went_silent' } as const;

/**
 * One SLA check of a ticket at `now`, in one transaction (decision 0020): each stage
 * reached and not yet marked gets its mark, an internal timeline event and a notification;
 * a breach of a running clock escalates as the policy says; then the next check is
 * scheduled. A retry, or a second worker on the same ticket, finds the marks and does
 * nothing twice. Returns the stages recorded by this run.
 */
export async function checkTicketSla(db: Db, ticketId: number, now: number): Promise<SlaStage[]> {
  return db.transaction().execute(async (tx) => {
    await lockTicketRow(tx, ticketId);
    const ticket = await findTicketView(tx, ticketId);
    if (!ticket || ticket.is_open !== 1) return [];
    const sla = await computeTicketSla(tx, ticket, now);
    if (!sla) return [];
    const recorded: SlaStage[] = [];
    for (const s of slaStagesOf(ticket, sla.state, businessCalendarOf(sla.policy.calendar), now)) {
      if (!s.reached || !(await insertSlaMark(tx, { ticketId, target: s.target, stage: s.stage, dueAt: s.dueAt, now }))) continue;
      await appendEvent(tx, {
        ticketId,
        type: EVENT_OF[s.stage],
        visibility: 'internal',
        actorId: null,
        data: { target: s.target, stage: s.stage, dueAt: new Date(s.dueAt).toISOString(), policy: sla.policy.name, policyId: sla.policy.id },
        now,
      });
      recorded.push(s);
    }
    if (recorded.length === 0) {
      await scheduleSlaCheck(tx, ticket, sla, now);
      return recorded;
    }
    await notifyStages(tx, ticket, recorded, now);
    const escalation = escalationOf(sla.policy);
    let current = ticket;
    let escalated = false;
    for (const s of recorded) {
      if (s.stage !== 'breach' || !s.running || !(escalation.raisePriority || escalation.moveToNextTier)) continue;
      // Once per target and ticket: a raised priority re-judges the clocks and may breach the
      // same target again at once; that breach is recorded, but must not climb another step.
      if (!(await insertSlaMark(tx, { ticketId, target: s.target, stage: 'escalated', dueAt: 0, now }))) continue;
      const next = await escalateBreach({ tx, actor: SYSTEM_ACTOR, now }, current, s.target, escalation);
      if (next !== current) escalated = true;
      current = next;
    }
    // An escalation went through the ticket's own write path, which scheduled from the new state.
    if (!escalated) await scheduleSlaCheck(tx, ticket, sla, now);
    return recorded;
  });
}

/**
 * Who hears of it: the owner — the assignee, or while nobody has accepted the ticket, the
 * owning group's staff — and at a breach also the owning group's leads, or the desk's leads
 * when that group has none.
 */
async function notifyStages(tx: Tx, ticket: TicketView, stages: readonly SlaStage[], now: number): Promise<void> {
  const owners = ticket.assignee_id !== null ? [ticket.assignee_id] : await activeStaffOfGroup(tx, ticket.group_id, false);
  let leads: number[] = [];
  if (stages.some((s) => s.stage === 'breach')) {
    leads = await activeStaffOfGroup(tx, ticket.group_id, true);
    if (leads.length === 0) leads = await activeLeads(tx);
  }
  for (const s of stages) {
    await notifySlaWarning(tx, {
      ticket: { id: ticket.id, number: ticket.number, subject: ticket.subject },
      recipientIds: s.stage === 'breach' ? [...owners, ...leads] : owners,
      target: s.target,
      stage: s.stage,
      dueAt: s.dueAt,
      now,
    });
  }
}
