import { describe, expect, it } from 'vitest';
import type { BusinessCalendar, HoursInterval } from '../calendar/index.js';
import { computeSlaState, timeToBreach, type SlaFact, type SlaPolicy } from './index.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const nine: HoursInterval[] = [{ start: '09:00', end: '17:00' }];
const office: BusinessCalendar = {
  timeZone: 'UTC',
  alwaysOpen: false,
  hours: { mon: nine, tue: nine, wed: nine, thu: nine, fri: nine, sat: [], sun: [] },
  holidays: [],
};
const policy: SlaPolicy = {
  targets: {
    P1: { firstResponse: 15, nextUpdate: 60, restore: 60, resolve: 240 },
    P2: { firstResponse: 30, nextUpdate: 120, restore: 240, resolve: 480 },
    P3: { firstResponse: 60, nextUpdate: 240, restore: 480, resolve: 960 },
    P4: { firstResponse: 480, nextUpdate: null, restore: null, resolve: 2400 },
  },
};
// Monday 2026-01-12, 09:00 UTC; `h(n)` is n hours later on the wall clock.
const monday = Date.UTC(2026, 0, 12, 9);
const h = (hours: number) => monday + hours * HOUR;
const created = (priority: 'P1' | 'P2' | 'P3' | 'P4' = 'P3'): SlaFact => ({ kind: 'created', at: monday, priority });
const answered = (at: number): SlaFact[] => [
  { kind: 'firstResponse', at },
  { kind: 'statusChanged', at, from: 'new', to: 'acknowledged' },
];
const pending = (at: number, reason: 'user' | 'vendor' | 'change'): SlaFact => ({ kind: 'statusChanged', at, from: 'in_progress', to: 'pending', pendingReason: reason });
const working = (at: number): SlaFact => ({ kind: 'statusChanged', at, from: 'pending', to: 'in_progress' });

describe('computeSlaState', () => {
  it('runs every clock from creation in business time, with due and warning instants', () => {
    const s = computeSlaState([created()], policy, office, h(0.5));
    expect(s.firstResponse).toMatchObject({ state: 'running', elapsedMs: 30 * MINUTE, remainingMs: 30 * MINUTE, dueAt: h(1), warned: false, warnAt: h(0.75) });
    expect(s.resolve).toMatchObject({ state: 'running', targetMs: 16 * HOUR, dueAt: h(24 + 8) });
    expect(s.nextUpdate.state).toBe('not_applicable');
  });

  it('is met when the first response comes exactly at the due instant, and breached a millisecond later', () => {
    const onTime = computeSlaState([created(), ...answered(h(1))], policy, office, h(2));
    expect(onTime.firstResponse).toMatchObject({ state: 'met', stoppedAt: h(1), remainingMs: 0, dueAt: null, breachedAt: null });
    const late = computeSlaState([created(), ...answered(h(1) + 1)], policy, office, h(2));
    expect(late.firstResponse).toMatchObject({ state: 'breached', breachedAt: h(1), breachedByMs: 1, stoppedAt: h(1) + 1 });
  });

  it('pauses while pending on the user, but not while pending on a change', () => {
    const history = (reason: 'user' | 'change') => [created(), ...answered(h(0.1)), { kind: 'statusChanged', at: h(0.2), from: 'acknowledged', to: 'in_progress' } as SlaFact, pending(h(1), reason), working(h(5))];
    const onUser = computeSlaState(history('user'), policy, office, h(6));
    expect(onUser.resolve.elapsedMs).toBe(2 * HOUR);
    expect(computeSlaState(history('user'), policy, office, h(3)).resolve).toMatchObject({ state: 'paused', dueAt: null, remainingMs: 15 * HOUR });
    expect(computeSlaState(history('change'), policy, office, h(6)).resolve.elapsedMs).toBe(6 * HOUR);
  });

  it('pauses the update cadence on the user, keeps it running on a vendor', () => {
    const history = (reason: 'user' | 'vendor') => [created(), ...answered(h(0)), pending(h(1), reason)];
    expect(computeSlaState(history('user'), policy, office, h(7)).nextUpdate).toMatchObject({ state: 'paused', elapsedMs: HOUR });
    const vendor = computeSlaState(history('vendor'), policy, office, h(7));
    expect(vendor.nextUpdate).toMatchObject({ state: 'breached', elapsedMs: 7 * HOUR, breachedAt: h(4), breachedByMs: 3 * HOUR });
    expect(vendor.resolve.state).toBe('paused');
  });

  it('breaches the next update when no public update comes, and starts a new cycle on one', () => {
    const silent = [created(), ...answered(h(0))];
    expect(computeSlaState(silent, policy, office, h(5)).nextUpdate).toMatchObject({ state: 'breached', breachedAt: h(4), dueAt: h(4), remainingMs: -HOUR });
    const s = computeSlaState([...silent, { kind: 'publicUpdate', at: h(6) }], policy, office, h(7));
    expect(s.nextUpdate).toMatchObject({ state: 'running', elapsedMs: HOUR, dueAt: h(24 + 2) });
    expect(s.missedUpdates).toBe(1);
  });

  it('keeps elapsed time when the priority is raised: P3 with 2 h used, raised to P1 (1 h), is breached by 1 h at the change', () => {
    const facts = [created('P3'), ...answered(h(0)), { kind: 'priorityChanged', at: h(2), from: 'P3', to: 'P1' } as SlaFact];
    const s = computeSlaState(facts, policy, office, h(2));
    expect(s.restore).toMatchObject({ state: 'breached', targetMs: HOUR, elapsedMs: 2 * HOUR, breachedAt: h(2), breachedByMs: HOUR, dueAt: h(2) });
  });

  it('lifts a running breach when the priority is lowered, keeping the elapsed time', () => {
    const facts = [created('P1'), ...answered(h(0)), { kind: 'priorityChanged', at: h(2), from: 'P1', to: 'P3' } as SlaFact];
    const s = computeSlaState(facts, policy, office, h(3));
    expect(s.restore).toMatchObject({ state: 'running', targetMs: 8 * HOUR, elapsedMs: 3 * HOUR, dueAt: h(8), breachedAt: null });
  });

  it('replays an event recorded late, inserted in the past, as if it had been known', () => {
    const inOrder = [created(), ...answered(h(0.1)), pending(h(1), 'user'), working(h(3)), { kind: 'publicUpdate', at: h(4) } as SlaFact];
    const late = [created(), ...answered(h(0.1)), { kind: 'publicUpdate', at: h(4) } as SlaFact, working(h(3)), pending(h(1), 'user')];
    expect(computeSlaState(late, policy, office, h(6))).toEqual(computeSlaState(inOrder, policy, office, h(6)));
    expect(computeSlaState(late, policy, office, h(6)).resolve.elapsedMs).toBe(4 * HOUR);
  });

  it('counts restore as met when the ticket is resolved without a restore step', () => {
    const s = computeSlaState([created(), ...answered(h(0)), { kind: 'resolved', at: h(3) }], policy, office, h(30));
    expect(s.restore).toMatchObject({ state: 'met', stoppedAt: h(3), elapsedMs: 3 * HOUR });
    expect(s.resolve).toMatchObject({ state: 'met', stoppedAt: h(3) });
    expect(s.nextUpdate).toMatchObject({ state: 'met', stoppedAt: h(3) });
  });

  it('stops restore at the restore and lets resolve run on', () => {
    const s = computeSlaState([created(), ...answered(h(0)), { kind: 'restored', at: h(2) }], policy, office, h(4));
    expect(s.restore).toMatchObject({ state: 'met', stoppedAt: h(2), elapsedMs: 2 * HOUR });
    expect(s.resolve).toMatchObject({ state: 'running', elapsedMs: 4 * HOUR });
  });

  it('resumes restore and resolve on reopen, keeping time before the resolution and skipping the time resolved', () => {
    const facts = [created(), ...answered(h(0)), { kind: 'resolved', at: h(3) } as SlaFact, { kind: 'reopened', at: h(24 + 1) } as SlaFact];
    const s = computeSlaState(facts, policy, office, h(24 + 2));
    expect(s.restore).toMatchObject({ state: 'running', elapsedMs: 4 * HOUR, stoppedAt: null });
    expect(s.resolve).toMatchObject({ state: 'running', elapsedMs: 4 * HOUR });
    expect(s.nextUpdate).toMatchObject({ state: 'running', elapsedMs: HOUR });
    expect(s.firstResponse.state).toBe('met');
  });

  it('ignores facts after now, and answers not applicable where a priority has no target', () => {
    const s = computeSlaState([created('P4'), ...answered(h(50))], policy, office, h(1));
    expect(s.firstResponse).toMatchObject({ state: 'running', elapsedMs: HOUR });
    expect(s.restore).toMatchObject({ state: 'not_applicable', dueAt: null, remainingMs: null });
    expect(computeSlaState([], policy, office, h(1)).resolve.state).toBe('not_applicable');
  });

  it('does not count evenings and weekends', () => {
    const s = computeSlaState([{ kind: 'created', at: Date.UTC(2026, 0, 16, 16), priority: 'P3' }], policy, office, Date.UTC(2026, 0, 19, 10));
    expect(s.resolve.elapsedMs).toBe(2 * HOUR);
    expect(s.firstResponse).toMatchObject({ state: 'breached', breachedAt: Date.UTC(2026, 0, 16, 17), breachedByMs: HOUR });
  });
});

describe('timeToBreach', () => {
  it('sorts overdue first, then soonest due, then paused, then finished', () => {
    const now = h(3);
    const overdue = computeSlaState([created('P1')], policy, office, now);
    const soon = computeSlaState([{ ...created('P3'), at: h(2.5) }], policy, office, now);
    const later = computeSlaState([{ ...created('P4'), at: h(2.5) }], policy, office, now);
    const paused = computeSlaState([{ ...created('P1'), at: h(2.9) }, ...answered(h(2.9)), pending(h(2.95), 'user')], policy, office, now);
    const done = computeSlaState([created('P3'), ...answered(h(0)), { kind: 'resolved', at: h(1) }], policy, office, now);
    const order = [done, paused, later, soon, overdue].sort((a, b) => timeToBreach(a, now) - timeToBreach(b, now));
    expect(order).toEqual([overdue, soon, later, paused, done]);
    expect(timeToBreach(soon, now)).toBe(h(3.5) - now);
  });
});
