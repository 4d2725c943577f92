import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PRIORITIES, priorityRank, type Priority } from './priority.js';
import { DEFAULT_ACKNOWLEDGE_TARGET_MINUTES, DEFAULT_UPDATE_CADENCE_MINUTES, queueDueAt, type QueueClockInput } from './queue-order.js';
import { OPEN_STATUSES, TICKET_STATUSES, type TicketStatus } from './ticket-status.js';

const MINUTE = 60_000;
const instant = fc.integer({ min: 1_600_000_000_000, max: 2_000_000_000_000 });
const priority = fc.constantFrom<Priority>(...PRIORITIES);
const clock = fc.record({
  status: fc.constantFrom<TicketStatus>(...TICKET_STATUSES),
  priority,
  createdAt: instant,
  updatedAt: instant,
  nextUpdateAt: fc.option(instant, { nil: null }),
  resolvedAt: fc.option(instant, { nil: null }),
  closedAt: fc.option(instant, { nil: null }),
}) satisfies fc.Arbitrary<QueueClockInput>;

describe('queueDueAt', () => {
  it('is the acknowledgement target for a new ticket: P1 in 15 minutes … P4 in 8 hours', () => {
    const at = Date.UTC(2026, 0, 5, 9);
    const due = (p: Priority) => queueDueAt({ status: 'new', priority: p, createdAt: at, updatedAt: at, nextUpdateAt: null, resolvedAt: null, closedAt: null });
    expect(PRIORITIES.map((p) => (due(p) - at) / MINUTE)).toEqual([15, 30, 120, 480]);
  });

  it('orders new tickets of the same age by priority', () => {
    fc.assert(
      fc.property(instant, priority, priority, (at, a, b) => {
        const due = (p: Priority) => queueDueAt({ status: 'new', priority: p, createdAt: at, updatedAt: at, nextUpdateAt: null, resolvedAt: null, closedAt: null });
        if (priorityRank(a) < priorityRank(b)) expect(due(a)).toBeLessThan(due(b));
      }),
    );
  });

  it('is the promise for an open, acknowledged ticket, or the update cadence when none was made', () => {
    fc.assert(
      fc.property(clock, (t) => {
        if (t.status === 'new' || !OPEN_STATUSES.includes(t.status)) return;
        const expected = t.nextUpdateAt ?? t.updatedAt + DEFAULT_UPDATE_CADENCE_MINUTES[t.priority] * MINUTE;
        expect(queueDueAt(t)).toBe(expected);
      }),
    );
  });

  it('is when it was resolved or closed for finished tickets', () => {
    fc.assert(
      fc.property(clock, (t) => {
        if (t.status === 'resolved') expect(queueDueAt(t)).toBe(t.resolvedAt ?? t.updatedAt);
        if (t.status === 'closed') expect(queueDueAt(t)).toBe(t.closedAt ?? t.updatedAt);
      }),
    );
  });

  it('is always a whole millisecond timestamp, never before the ticket existed for new ones', () => {
    fc.assert(
      fc.property(clock, (t) => {
        const due = queueDueAt(t);
        expect(Number.isSafeInteger(due)).toBe(true);
        if (t.status === 'new') expect(due).toBe(t.createdAt + DEFAULT_ACKNOWLEDGE_TARGET_MINUTES[t.priority] * MINUTE);
      }),
    );
  });

  it('asks faster updates of higher priorities', () => {
    const cadence = PRIORITIES.map((p) => DEFAULT_UPDATE_CADENCE_MINUTES[p]);
    expect(cadence).toEqual([...cadence].sort((a, b) => a - b));
  });
});
