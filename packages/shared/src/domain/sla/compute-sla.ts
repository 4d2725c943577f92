import { businessTimeBetween } from '../calendar/index.js';
import type { BusinessCalendar } from '../calendar/index.js';
import type { Priority } from '../priority.js';
import { isOpenStatus, type PendingReason, type TicketStatus } from '../ticket-status.js';
import { ClockTrack } from './clock-track.js';
import type { SlaFact } from './facts.js';
import { resolvePolicy, type ResolvedPolicy, type SlaPolicy } from './policy.js';
import { clockAt, notApplicable, type SlaState } from './sla-state.js';

const policies = new WeakMap<SlaPolicy, ResolvedPolicy>();

function resolved(policy: SlaPolicy): ResolvedPolicy {
  let r = policies.get(policy);
  if (!r) {
    r = resolvePolicy(policy);
    policies.set(policy, r);
  }
  return r;
}

const byAt = (a: SlaFact, b: SlaFact) => a.at - b.at;

function inOrder(facts: readonly SlaFact[]): readonly SlaFact[] {
  for (let i = 1; i < facts.length; i++) {
    // Array.prototype.sort is stable, so facts at the same instant keep their given order.
    if (facts[i]!.at < facts[i - 1]!.at) return facts.slice().sort(byAt);
  }
  return facts;
}

/**
 * A ticket's SLA clocks as of `now`, replayed from its whole history under the policy and
 * calendar given (decision 0017). Facts after `now` are ignored; so are facts before the
 * ticket's creation. Replaying means a late-recorded event, a priority change or a new
 * policy yields the clocks as if they had been known all along.
 */
export function computeSlaState(
  facts: readonly SlaFact[],
  policy: SlaPolicy,
  calendar: BusinessCalendar,
  now: number,
): SlaState {
  const rules = resolved(policy);
  const sorted = inOrder(facts);
  let i = sorted.findIndex((f) => f.kind === 'created');
  const created = sorted[i];
  if (!created || created.kind !== 'created' || created.at > now) {
    return { firstResponse: notApplicable(), nextUpdate: notApplicable(), restore: notApplicable(), resolve: notApplicable(), missedUpdates: 0 };
  }

  let priority: Priority = created.priority;
  let status: TicketStatus = 'new';
  let reason: PendingReason | null = null;
  let responded = false;
  let restored = false;
  let missed = 0;
  const fraction = rules.warnAtFraction;
  const firstResponse = new ClockTrack(calendar, fraction);
  const nextUpdate = new ClockTrack(calendar, fraction);
  const restore = new ClockTrack(calendar, fraction);
  const resolve = new ClockTrack(calendar, fraction);
  firstResponse.setTarget(rules.targetMs(priority, 'firstResponse'), created.at);
  nextUpdate.setTarget(rules.targetMs(priority, 'nextUpdate'), created.at);
  restore.setTarget(rules.targetMs(priority, 'restore'), created.at);
  resolve.setTarget(rules.targetMs(priority, 'resolve'), created.at);

  const newCycle = (at: number) => {
    if (nextUpdate.targetMs !== null && nextUpdate.elapsed > nextUpdate.targetMs) missed++;
    nextUpdate.restart(at);
  };

  // After each fact, each clock's phase follows from the ticket's state alone.
  const settle = (at: number) => {
    const open = isOpenStatus(status);
    const paused = rules.pausesClocks(status, reason);
    firstResponse.update(at, responded || !open, !paused, rules.targetMs(priority, 'firstResponse'));
    restore.update(at, restored || !open, !paused, rules.targetMs(priority, 'restore'));
    resolve.update(at, !open, !paused, rules.targetMs(priority, 'resolve'));
    nextUpdate.update(at, !open, responded && !rules.pausesCadence(status, reason), rules.targetMs(priority, 'nextUpdate'));
  };
  settle(created.at);

  let prev = created.at;
  const advance = (to: number) => {
    if (to <= prev) return;
    if (firstResponse.counting || nextUpdate.counting || restore.counting || resolve.counting) {
      const business = businessTimeBetween(calendar, prev, to);
      firstResponse.advance(prev, business);
      nextUpdate.advance(prev, business);
      restore.advance(prev, business);
      resolve.advance(prev, business);
    }
    prev = to;
  };

  for (i++; i < sorted.length; i++) {
    const f = sorted[i]!;
    if (f.at > now) break;
    advance(f.at);
    const at = prev;
    const wasOpen = isOpenStatus(status);
    switch (f.kind) {
      case 'created':
        break;
      case 'statusChanged':
        if (f.from === 'restored' && f.to === 'in_progress') restored = false;
        status = f.to;
        reason = f.to === 'pending' ? (f.pendingReason ?? null) : null;
        if (f.to === 'restored') restored = true;
        break;
      case 'priorityChanged':
        priority = f.to;
        for (const [track, name] of [
          [firstResponse, 'firstResponse'],
          [nextUpdate, 'nextUpdate'],
          [restore, 'restore'],
          [resolve, 'resolve'],
        ] as const) {
          if (!track.settled) track.setTarget(rules.targetMs(priority, name), at);
        }
        break;
      case 'firstResponse':
      case 'publicUpdate':
        responded = true;
        if (wasOpen) newCycle(at);
        break;
      case 'restored':
        restored = true;
        if (wasOpen) {
          status = 'restored';
          reason = null;
        }
        break;
      case 'resolved':
        status = 'resolved';
        reason = null;
        break;
      case 'reopened':
        if (!wasOpen) {
          status = 'in_progress';
          reason = null;
        }
        break;
    }
    if (!wasOpen && isOpenStatus(status)) {
      // Back from resolved or closed: the service is down again and the requester is owed news.
      restored = false;
      newCycle(at);
    }
    settle(at);
  }
  advance(now);

  const cadence = clockAt(nextUpdate, responded, calendar, now);
  return {
    firstResponse: clockAt(firstResponse, true, calendar, now),
    nextUpdate: cadence,
    restore: clockAt(restore, true, calendar, now),
    resolve: clockAt(resolve, true, calendar, now),
    missedUpdates: missed + (cadence.state === 'breached' ? 1 : 0),
  };
}
