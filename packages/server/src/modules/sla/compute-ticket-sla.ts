import { computeSlaState, type Priority, type SlaState } from '@deskside/shared';
import type { Db, Tx } from '../../db/connect.js';
import type { TicketRow } from '../../db/types.js';
import { businessCalendarOf, slaPolicyOf } from './sla-cache.js';
import { slaEventsOf, type SlaEventRow } from './sla-events-repo.js';
import { listPoliciesWithCalendars, type PolicyWithCalendar } from './sla-policies-repo.js';
import { slaFactsOf } from './ticket-sla-facts.js';

type Q = Db | Tx;
type SlaTicket = Pick<TicketRow, 'id' | 'sla_policy_id' | 'requester_id'>;

/** The desk's policies as one read gives them: by id, in evaluation order, and the default. */
export interface SlaRules {
  ordered: PolicyWithCalendar[];
  byId: Map<number, PolicyWithCalendar>;
  fallback: PolicyWithCalendar | undefined;
}

export interface TicketSlaResult {
  policy: PolicyWithCalendar;
  state: SlaState;
}

export async function loadSlaRules(q: Q): Promise<SlaRules> {
  const ordered = await listPoliciesWithCalendars(q);
  return { ordered, byId: new Map(ordered.map((p) => [p.id, p])), fallback: ordered.find((p) => p.is_default === 1) };
}

/** The policy a ticket runs on: its own, or the default for tickets that predate policies. */
export function policyOfTicket(rules: SlaRules, t: Pick<TicketRow, 'sla_policy_id'>): PolicyWithCalendar | undefined {
  return (t.sla_policy_id === null ? undefined : rules.byId.get(t.sla_policy_id)) ?? rules.fallback;
}

/** Replays one ticket's events on its policy and calendar; null when the desk has no policy at all. */
export function slaFromEvents(rules: SlaRules, t: SlaTicket, events: readonly SlaEventRow[], now: number): TicketSlaResult | null {
  const policy = policyOfTicket(rules, t);
  if (!policy) return null;
  const state = computeSlaState(slaFactsOf(events, t.requester_id), slaPolicyOf(policy), businessCalendarOf(policy.calendar), now);
  return { policy, state };
}

/**
 * The SLA of a page of tickets as of `now`: one query for the policies and one for all
 * the page's events, however many tickets it holds (decision 0017: derived, never stored).
 */
export async function computeTicketSlas(q: Q, tickets: readonly SlaTicket[], now: number, rules?: SlaRules): Promise<Map<number, TicketSlaResult>> {
  const result = new Map<number, TicketSlaResult>();
  if (tickets.length === 0) return result;
  const desk = rules ?? (await loadSlaRules(q));
  if (!desk.fallback && desk.ordered.length === 0) return result;
  const events = await slaEventsOf(q, tickets.map((t) => t.id));
  for (const t of tickets) {
    const sla = slaFromEvents(desk, t, events.get(t.id) ?? [], now);
    if (sla) result.set(t.id, sla);
  }
  return result;
}

/** One ticket's SLA as of `now`. */
export async function computeTicketSla(q: Q, ticket: SlaTicket, now: number): Promise<TicketSlaResult | null> {
  return (await computeTicketSlas(q, [ticket], now)).get(ticket.id) ?? null;
}

/**
 * The clocks of a ticket opened at `createdAt` on `policy`, as of `now`, while only its
 * creation has happened (what replaying its one `created` event gives).
 */
export function newTicketSla(policy: PolicyWithCalendar, priority: Priority, createdAt: number, now = createdAt): SlaState {
  return computeSlaState([{ kind: 'created', at: createdAt, priority }], slaPolicyOf(policy), businessCalendarOf(policy.calendar), now);
}
