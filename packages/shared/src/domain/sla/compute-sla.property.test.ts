import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { businessTimeBetween, type BusinessCalendar, type HoursInterval } from '../calendar/index.js';
import { PRIORITIES, type Priority } from '../priority.js';
import type { PendingReason, TicketStatus } from '../ticket-status.js';
import { computeSlaState, DEFAULT_SLA_POLICY, SLA_TARGETS, type SlaFact, type SlaState } from './index.js';

const MINUTE = 60_000;
const day: HoursInterval[] = [{ start: '08:00', end: '12:00' }, { start: '13:00', end: '17:30' }];
const night: HoursInterval[] = [{ start: '22:00', end: '06:00' }];
const CALENDARS: BusinessCalendar[] = [
  { timeZone: 'Europe/Berlin', alwaysOpen: false, hours: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: [], sun: [] }, holidays: [{ kind: 'fixed', month: 3, day: 30 }] },
  { timeZone: 'America/New_York', alwaysOpen: false, hours: { mon: night, tue: night, wed: night, thu: night, fri: night, sat: night, sun: [] }, holidays: [] },
  { timeZone: 'UTC', alwaysOpen: true, hours: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] }, holidays: [] },
];
const calendar = fc.constantFrom(...CALENDARS);

// Around the March DST changes of both zones.
const start = Date.UTC(2026, 2, 2, 7);
type Step =
  | { kind: 'priority'; to: Priority }
  | { kind: 'update' }
  | { kind: 'pending'; reason: PendingReason }
  | { kind: 'work' }
  | { kind: 'restored' }
  | { kind: 'resolved' }
  | { kind: 'reopened' };
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('priority' as const), to: fc.constantFrom(...PRIORITIES) }),
  fc.constant({ kind: 'update' as const }),
  fc.record({ kind: fc.constant('pending' as const), reason: fc.constantFrom<PendingReason>('user', 'vendor', 'change') }),
  fc.constant({ kind: 'work' as const }),
  fc.constant({ kind: 'restored' as const }),
  fc.constant({ kind: 'resolved' as const }),
  fc.constant({ kind: 'reopened' as const }),
);

/** A history at distinct minutes, with `from` fields filled by walking it in time order. */
function history(priority: Priority, responseAfter: number, steps: [number, Step][]): SlaFact[] {
  let status: TicketStatus = 'acknowledged';
  let current = priority;
  const facts: SlaFact[] = [
    { kind: 'created', at: start, priority },
    { kind: 'firstResponse', at: start + responseAfter * MINUTE },
    { kind: 'statusChanged', at: start + responseAfter * MINUTE, from: 'new', to: 'acknowledged' },
  ];
  for (const [offset, s] of [...steps].sort((a, b) => a[0] - b[0])) {
    const at = start + (responseAfter + offset) * MINUTE;
    if (s.kind === 'priority') {
      facts.push({ kind: 'priorityChanged', at, from: current, to: s.to });
      current = s.to;
    } else if (s.kind === 'update') facts.push({ kind: 'publicUpdate', at });
    else if (s.kind === 'pending' || s.kind === 'work') {
      const to: TicketStatus = s.kind === 'pending' ? 'pending' : 'in_progress';
      facts.push({ kind: 'statusChanged', at, from: status, to, pendingReason: s.kind === 'pending' ? s.reason : null });
      status = to;
    } else {
      facts.push({ kind: s.kind, at });
      status = s.kind === 'restored' ? 'restored' : s.kind === 'resolved' ? 'resolved' : 'in_progress';
    }
  }
  return facts;
}

const minutes = fc.integer({ min: 1, max: 20 * 24 * 60 });
const steps = fc.uniqueArray(fc.tuple(minutes, step), { maxLength: 8, selector: ([offset]) => offset });
const ticket = fc.record({ priority: fc.constantFrom(...PRIORITIES), responseAfter: fc.integer({ min: 0, max: 600 }), steps });
const RUNS = { numRuns: 150 };

const clocks = (s: SlaState) => SLA_TARGETS.map((t) => s[t]);

describe('SLA clock properties', () => {
  it('never counts more than the business time between creation and now', () => {
    fc.assert(
      fc.property(calendar, ticket, minutes, (c, t, nowAfter) => {
        const now = start + nowAfter * MINUTE;
        const most = businessTimeBetween(c, start, now);
        for (const clock of clocks(computeSlaState(history(t.priority, t.responseAfter, t.steps), DEFAULT_SLA_POLICY, c, now))) {
          expect(clock.elapsedMs).toBeLessThanOrEqual(most);
          expect(clock.elapsedMs).toBeGreaterThanOrEqual(0);
        }
      }),
      RUNS,
    );
  });

  it('never counts more with a pause added', () => {
    fc.assert(
      fc.property(calendar, ticket, minutes, minutes, minutes, (c, t, a, b, nowAfter) => {
        const plain = t.steps.filter(([, s]) => s.kind !== 'pending' && s.kind !== 'resolved' && s.kind !== 'reopened');
        const [from, to] = a < b ? [a, b] : [b, a];
        // The pause must not straddle another step, or it would change more than the pause.
        if (from === to || plain.some(([offset]) => offset >= from && offset <= to)) return;
        const paused: [number, Step][] = [...plain, [from, { kind: 'pending', reason: 'user' }], [to, { kind: 'work' }]];
        const now = start + (t.responseAfter + nowAfter) * MINUTE;
        const without = computeSlaState(history(t.priority, t.responseAfter, plain), DEFAULT_SLA_POLICY, c, now);
        const withPause = computeSlaState(history(t.priority, t.responseAfter, paused), DEFAULT_SLA_POLICY, c, now);
        for (const target of ['firstResponse', 'restore', 'resolve'] as const) {
          expect(withPause[target].elapsedMs).toBeLessThanOrEqual(without[target].elapsedMs);
        }
      }),
      RUNS,
    );
  });

  it('gives the same answer whatever order the facts arrive in', () => {
    fc.assert(
      fc.property(calendar, ticket, minutes, fc.integer(), (c, t, nowAfter, seed) => {
        // Facts at the same instant keep their order; the shuffle moves whole instants.
        const facts = history(t.priority, t.responseAfter, t.steps);
        const shuffled = [...facts]
          .map((f, i) => ({ f, key: Math.sin(seed + f.at) * 1e4 - Math.floor(Math.sin(seed + f.at) * 1e4) + i * 1e-9 }))
          .sort((x, y) => x.key - y.key)
          .map(({ f }) => f);
        const now = start + nowAfter * MINUTE;
        expect(computeSlaState(shuffled, DEFAULT_SLA_POLICY, c, now)).toEqual(computeSlaState(facts, DEFAULT_SLA_POLICY, c, now));
      }),
      RUNS,
    );
  });

  it('moves forward with now: elapsed never shrinks, and a running clock keeps its due time until something happens', () => {
    fc.assert(
      fc.property(calendar, ticket, minutes, fc.integer({ min: 0, max: 3 * 24 * 60 }), (c, t, nowAfter, later) => {
        const facts = history(t.priority, t.responseAfter, t.steps);
        const now1 = start + nowAfter * MINUTE;
        const now2 = now1 + later * MINUTE;
        const s1 = computeSlaState(facts, DEFAULT_SLA_POLICY, c, now1);
        const s2 = computeSlaState(facts, DEFAULT_SLA_POLICY, c, now2);
        const quiet = !facts.some((f) => f.at > now1 && f.at <= now2);
        for (const target of SLA_TARGETS) {
          if (target !== 'nextUpdate') expect(s2[target].elapsedMs).toBeGreaterThanOrEqual(s1[target].elapsedMs);
          const c1 = s1[target];
          if (quiet && (c1.state === 'running' || c1.state === 'breached') && c1.dueAt !== null) {
            expect(s2[target].dueAt).toBe(c1.dueAt);
            expect(s2[target].remainingMs!).toBeLessThanOrEqual(c1.remainingMs!);
          }
        }
      }),
      RUNS,
    );
  });
});
