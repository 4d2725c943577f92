import { addBusinessTime, SLA_TARGETS, type BusinessCalendar, type SlaState, type SlaTargetName } from '@deskside/shared';
import type { TicketRow } from '../../db/types.js';
import type { SlaNoticeStage } from '../notifications/index.js';

/** One stage of one target that a ticket's SLA passes through: a warning, a breach, going silent. */
export interface SlaStage {
  target: SlaTargetName;
  stage: SlaNoticeStage;
  /** The due instant the stage is about: part of its identity, so a clock replayed to a new due time counts anew. */
  dueAt: number;
  /** The first instant the stage holds: when its check should run. */
  at: number;
  /** It holds as of the state's `now`: a check running now records it. */
  reached: boolean;
  /** The clock is still running, so acting on it (escalation) still makes sense. */
  running: boolean;
}

type StageTicket = Pick<TicketRow, 'is_open' | 'status' | 'pending_reason' | 'next_update_at'>;

/**
 * The stages of a ticket's running clocks and of its promised update, reached or not, as of
 * the `now` the state was computed for. The scheduler and the check both read this one list,
 * so a check records exactly what the scheduler woke it for. A warning superseded by its
 * breach is left out: telling someone a target is "due soon" once it is missed is noise.
 */
export function slaStagesOf(ticket: StageTicket, state: SlaState, calendar: BusinessCalendar, now: number): SlaStage[] {
  if (ticket.is_open !== 1) return [];
  const stages: SlaStage[] = [];
  for (const target of SLA_TARGETS) {
    const clock = state[target];
    const running = clock.dueAt !== null;
    if (clock.breachedAt !== null) {
      // A clock that overran and then stopped (answered late) still breached; it is recorded, not escalated.
      stages.push({ target, stage: 'breach', dueAt: clock.breachedAt, at: clock.breachedAt, reached: true, running });
      continue;
    }
    if (clock.dueAt === null) continue;
    // Met exactly at the due instant is met: the breach is the next business millisecond.
    stages.push({ target, stage: 'breach', dueAt: clock.dueAt, at: addBusinessTime(calendar, clock.dueAt, 1), reached: false, running });
    if (clock.warnAt !== null) stages.push({ target, stage: 'warning', dueAt: clock.dueAt, at: clock.warnAt, reached: clock.warned, running });
  }
  const promise = ticket.next_update_at;
  // Waiting on the requester, the desk owes no news; the cadence pauses for the same reason.
  const waitingOnUser = state.nextUpdate.state === 'paused' || (ticket.status === 'pending' && ticket.pending_reason === 'user');
  if (promise !== null && !waitingOnUser) {
    stages.push({ target: 'nextUpdate', stage: 'silent', dueAt: promise, at: promise + 1, reached: promise < now, running: true });
  }
  return stages;
}
