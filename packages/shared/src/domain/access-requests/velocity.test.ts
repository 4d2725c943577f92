import { describe, expect, it } from 'vitest';
import { checkVelocity, velocityRequirements, type AgentActionRecord } from './velocity.js';

const HOUR = 60 * 60_000;
const NOW = Date.UTC(2026, 10, 2, 9);
const limits = { actionsPerAgentPerHour: 3, privilegedActionsPerAgentPerDay: 2 };
const done = (agentId: string, ago: number, targetTier: 'standard' | 'privileged' = 'standard'): AgentActionRecord => ({
  agentId,
  at: NOW - ago,
  targetTier,
});

describe('velocity limits', () => {
  it('lets an agent reach the hourly limit and holds the next action for review', () => {
    const two = [done('a', 10 * 60_000), done('a', 50 * 60_000)];
    expect(checkVelocity({ agentId: 'a', targetTier: 'standard', now: NOW, history: two }, limits)).toEqual({ decision: 'proceed' });
    const three = [...two, done('a', 1)];
    const held = checkVelocity({ agentId: 'a', targetTier: 'standard', now: NOW, history: three }, limits);
    expect(held.decision).toBe('hold_for_review');
    expect(velocityRequirements(held)).toEqual(['security_review']);
  });

  it("counts only this agent's actions inside the window, and future-dated ones too", () => {
    const history = [done('b', 1), done('b', 2), done('b', 3), done('a', HOUR), done('a', 2 * HOUR), done('a', -5 * 60_000)];
    expect(checkVelocity({ agentId: 'a', targetTier: 'standard', now: NOW, history }, limits).decision).toBe('proceed');
    const more = [...history, done('a', -1), done('a', 0)];
    expect(checkVelocity({ agentId: 'a', targetTier: 'standard', now: NOW, history: more }, limits).decision).toBe('hold_for_review');
  });

  it('holds the third privileged action of a day but not a standard one', () => {
    const history = [done('a', 3 * HOUR, 'privileged'), done('a', 20 * HOUR, 'privileged')];
    const privileged = checkVelocity({ agentId: 'a', targetTier: 'privileged', now: NOW, history }, limits);
    expect(privileged.decision).toBe('hold_for_review');
    expect(privileged.decision === 'hold_for_review' && privileged.reasons[0]).toMatch(/privileged accounts/);
    expect(checkVelocity({ agentId: 'a', targetTier: 'standard', now: NOW, history }, limits)).toEqual({ decision: 'proceed' });
    expect(velocityRequirements({ decision: 'proceed' })).toEqual([]);
  });
});
