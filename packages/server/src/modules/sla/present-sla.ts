import {
  clockTimeToBreach, priorityFromRank, SETTLED_SORT_KEY, SLA_TARGETS, SlaEscalationSchema,
  type Calendar, type SlaEscalation, type SlaClock, type SlaClockView, type SlaConditions, type SlaPolicyTargets,
  type SlaPolicyView, type SlaState, type TicketSla, type TicketSlaSummary, type PendingReason,
} from '@deskside/shared';
import type { CalendarRow, SlaPolicyRow } from '../../db/types.js';
import type { TicketSlaResult } from './compute-ticket-sla.js';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function presentCalendar(row: CalendarRow): Calendar {
  return {
    id: row.id,
    name: row.name,
    timeZone: row.time_zone,
    alwaysOpen: row.always_open === 1,
    hours: JSON.parse(row.hours) as Calendar['hours'],
    holidays: JSON.parse(row.holidays) as Calendar['holidays'],
    version: row.version,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

/** A policy's breach actions; a stored '{}' (every policy before escalation existed) is notify only. */
export function escalationOf(row: Pick<SlaPolicyRow, 'escalation'>): SlaEscalation {
  return SlaEscalationSchema.parse(JSON.parse(row.escalation));
}

export function presentSlaPolicy(row: SlaPolicyRow & { calendar_name: string }): SlaPolicyView {
  return {
    id: row.id,
    name: row.name,
    calendarId: row.calendar_id,
    calendar: { id: row.calendar_id, name: row.calendar_name },
    targets: JSON.parse(row.targets) as SlaPolicyTargets,
    pausedPendingReasons: JSON.parse(row.paused_pending_reasons) as PendingReason[],
    warnAtFraction: row.warn_at_fraction,
    conditions: JSON.parse(row.conditions) as SlaConditions,
    escalation: escalationOf(row),
    position: row.position,
    isDefault: row.is_default === 1,
    version: row.version,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

function presentClock(c: SlaClock): SlaClockView {
  return {
    state: c.state,
    targetMs: c.targetMs,
    dueAt: iso(c.dueAt),
    remainingMs: c.remainingMs,
    elapsedMs: c.elapsedMs,
    warned: c.warned,
    breachedAt: iso(c.breachedAt),
    breachedByMs: c.breachedByMs,
    stoppedAt: iso(c.stoppedAt),
  };
}

/** A ticket's clocks as staff see them. */
export function presentTicketSla(sla: TicketSlaResult, priorityRank: number): TicketSla {
  const { state } = sla;
  return {
    policy: { id: sla.policy.id, name: sla.policy.name },
    priority: priorityFromRank(priorityRank),
    firstResponse: presentClock(state.firstResponse),
    nextUpdate: presentClock(state.nextUpdate),
    restore: presentClock(state.restore),
    resolve: presentClock(state.resolve),
    missedUpdates: state.missedUpdates,
  };
}

/** The queue's one line of SLA: the clock that breaches first, or how the clocks ended. */
export function presentSlaSummary(state: SlaState, now: number): TicketSlaSummary {
  let urgent: (typeof SLA_TARGETS)[number] | null = null;
  let best = SETTLED_SORT_KEY;
  for (const name of SLA_TARGETS) {
    const key = clockTimeToBreach(state[name], now);
    if (key < best) {
      best = key;
      urgent = name;
    }
  }
  const clocks = SLA_TARGETS.map((name) => state[name]);
  const breached = clocks.some((c) => c.state === 'breached');
  if (urgent === null) {
    const settled = clocks.some((c) => c.state !== 'not_applicable');
    return { target: null, state: breached ? 'breached' : settled ? 'met' : 'not_applicable', dueAt: null, remainingMs: null, breached };
  }
  const clock = state[urgent];
  return { target: urgent, state: clock.state, dueAt: iso(clock.dueAt), remainingMs: clock.remainingMs, breached };
}
