import { describe, expect, it } from 'vitest';
import type { SlaEventRow } from '../src/modules/sla/sla-events-repo.js';
import { slaFactsOf } from '../src/modules/sla/ticket-sla-facts.js';

const REQUESTER = 7;
const AGENT = 9;
const event = (type: string, at: number, data: Record<string, unknown> = {}, actor: number | null = AGENT): SlaEventRow => ({
  ticket_id: 1, type, actor_id: actor, data: JSON.stringify(data), created_at: at,
});

describe('stored events as SLA facts', () => {
  it('reads creation, acknowledgement, moves with their pending reason, priority changes and desk replies', () => {
    const facts = slaFactsOf(
      [
        event('created', 1, { impact: 2, urgency: 2, priority: 'P3', channel: 'portal', groupId: 1 }, REQUESTER),
        event('acknowledged', 2, { from: 'new', to: 'acknowledged', nextUpdateAt: '2026-12-01T10:00:00.000Z' }),
        event('status_changed', 3, { from: 'acknowledged', to: 'in_progress' }),
        event('field_changed', 4, { field: 'priority', before: 'P3', after: 'P1' }),
        event('public_reply', 5),
        event('status_changed', 6, { from: 'in_progress', to: 'pending', reason: 'vendor' }),
        event('reopened', 7, { from: 'resolved', to: 'in_progress' }),
      ],
      REQUESTER,
    );
    expect(facts).toEqual([
      { kind: 'created', at: 1, priority: 'P3' },
      { kind: 'firstResponse', at: 2 },
      { kind: 'statusChanged', at: 2, from: 'new', to: 'acknowledged', pendingReason: null },
      { kind: 'statusChanged', at: 3, from: 'acknowledged', to: 'in_progress', pendingReason: null },
      { kind: 'priorityChanged', at: 4, from: 'P3', to: 'P1' },
      { kind: 'publicUpdate', at: 5 },
      { kind: 'statusChanged', at: 6, from: 'in_progress', to: 'pending', pendingReason: 'vendor' },
      { kind: 'statusChanged', at: 7, from: 'resolved', to: 'in_progress', pendingReason: null },
    ]);
  });

  it("ignores the requester's own replies, other field changes and replies without an author", () => {
    const facts = slaFactsOf(
      [
        event('public_reply', 1, {}, REQUESTER),
        event('public_reply', 2, {}, null),
        event('field_changed', 3, { field: 'subject', before: 'a', after: 'b' }),
        event('field_changed', 4, { field: 'priority', before: 'P2', after: 'P2' }),
      ],
      REQUESTER,
    );
    expect(facts).toEqual([]);
  });
});
