import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  OPEN_STATUSES,
  TICKET_STATUSES,
  allowedNextStatuses,
  canTransition,
  isOpenStatus,
  isWithinReopenWindow,
  type TicketStatus,
} from './ticket-status.js';

const status = fc.constantFrom<TicketStatus>(...TICKET_STATUSES);
const DAY = 24 * 60 * 60 * 1000;

function reachableFrom(start: TicketStatus): Set<TicketStatus> {
  const seen = new Set<TicketStatus>([start]);
  const queue = [start];
  for (let s = queue.shift(); s !== undefined; s = queue.shift()) {
    for (const next of allowedNextStatuses(s)) {
      if (seen.has(next)) continue;
      seen.add(next);
      queue.push(next);
    }
  }
  return seen;
}

describe('the status state machine', () => {
  it('allows exactly the moves of the lifecycle', () => {
    expect(Object.fromEntries(TICKET_STATUSES.map((s) => [s, [...allowedNextStatuses(s)]]))).toEqual({
      new: ['acknowledged'],
      acknowledged: ['in_progress', 'pending', 'restored', 'resolved'],
      in_progress: ['pending', 'restored', 'resolved'],
      pending: ['in_progress', 'restored', 'resolved'],
      restored: ['in_progress', 'pending', 'resolved'],
      resolved: ['closed', 'in_progress'],
      closed: ['in_progress'],
    });
  });

  it('canTransition agrees with allowedNextStatuses for every pair, and never loops on itself', () => {
    fc.assert(
      fc.property(status, status, (from, to) => {
        expect(canTransition(from, to)).toBe(allowedNextStatuses(from).includes(to));
        if (from === to) expect(canTransition(from, to)).toBe(false);
      }),
    );
  });

  it('nothing goes back to new; every status is reachable from new and can reach closed', () => {
    for (const s of TICKET_STATUSES) {
      expect(canTransition(s, 'new')).toBe(false);
      expect(reachableFrom('new').has(s)).toBe(true);
      expect(reachableFrom(s).has('closed')).toBe(true);
    }
  });

  it('closing needs a resolution first, and restored may be skipped on the way to resolved', () => {
    fc.assert(fc.property(status, (s) => canTransition(s, 'closed') === (s === 'resolved')));
    for (const s of ['acknowledged', 'in_progress', 'pending'] as const) expect(canTransition(s, 'resolved')).toBe(true);
  });

  it('any walk of allowed moves passes through acknowledged before leaving new', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 30 }), (choices) => {
        let s: TicketStatus = 'new';
        const path: TicketStatus[] = [s];
        for (const c of choices) {
          const next = allowedNextStatuses(s);
          s = next[c % next.length]!;
          path.push(s);
        }
        if (path.length > 1) expect(path[1]).toBe('acknowledged');
        for (let i = 1; i < path.length; i++) expect(canTransition(path[i - 1]!, path[i]!)).toBe(true);
      }),
    );
  });

  it('counts exactly the statuses before resolved as open', () => {
    expect([...OPEN_STATUSES].sort()).toEqual(TICKET_STATUSES.filter((s) => s !== 'resolved' && s !== 'closed').sort());
    fc.assert(fc.property(status, (s) => isOpenStatus(s) === OPEN_STATUSES.includes(s)));
  });
});

describe('the reopen window', () => {
  const instant = fc.integer({ min: 0, max: 4_000_000_000_000 });

  it('is open up to and including the last millisecond of the window', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 365 }), fc.integer({ min: 0, max: 400 * DAY }), (resolvedAt, days, elapsed) => {
        expect(isWithinReopenWindow(resolvedAt, resolvedAt + elapsed, days)).toBe(elapsed <= days * DAY);
      }),
    );
    expect(isWithinReopenWindow(0, 14 * DAY, 14)).toBe(true);
    expect(isWithinReopenWindow(0, 14 * DAY + 1, 14)).toBe(false);
  });

  it('only widens as the window grows', () => {
    fc.assert(
      fc.property(instant, instant, fc.nat(365), fc.nat(365), (a, b, d1, d2) => {
        const [small, large] = d1 <= d2 ? [d1, d2] : [d2, d1];
        if (isWithinReopenWindow(a, b, small)) expect(isWithinReopenWindow(a, b, large)).toBe(true);
      }),
    );
  });
});
