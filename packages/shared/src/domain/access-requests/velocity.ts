import type { TargetTier } from './actions.js';
import type { AccessPolicy } from './access-policy.js';
import type { StricterRequirement } from './requirements.js';

const HOUR = 60 * 60_000;
const DAY = 24 * HOUR;

/** One identity action an agent started (count started writes: an unknown outcome may have applied). */
export interface AgentActionRecord {
  agentId: string;
  at: number;
  targetTier: TargetTier;
}

export type VelocityDecision = { decision: 'proceed' } | { decision: 'hold_for_review'; reasons: string[] };

export interface VelocityInput {
  agentId: string;
  targetTier: TargetTier;
  now: number;
  /** The desk's recent actions; other agents' and older ones are ignored here. */
  history: readonly AgentActionRecord[];
}

/**
 * Whether one more action by this agent stays within the limits, or is held for review. A
 * hijacked agent account, or one agent talked into a spree, shows up as volume.
 */
export function checkVelocity(input: VelocityInput, limits: AccessPolicy['velocity']): VelocityDecision {
  const mine = input.history.filter((a) => a.agentId === input.agentId);
  // Records dated after now still count: a skewed clock must not hide actions.
  const lastHour = mine.filter((a) => a.at > input.now - HOUR).length;
  const privilegedToday = mine.filter((a) => a.targetTier === 'privileged' && a.at > input.now - DAY).length;
  const reasons: string[] = [];
  if (lastHour + 1 > limits.actionsPerAgentPerHour) {
    reasons.push(`This agent has started ${lastHour} identity actions in the last hour; the limit is ${limits.actionsPerAgentPerHour}`);
  }
  if (input.targetTier === 'privileged' && privilegedToday + 1 > limits.privilegedActionsPerAgentPerDay) {
    reasons.push(
      `This agent has started ${privilegedToday} actions on privileged accounts in the last day; the limit is ${limits.privilegedActionsPerAgentPerDay}`,
    );
  }
  return reasons.length === 0 ? { decision: 'proceed' } : { decision: 'hold_for_review', reasons };
}

/** A hold is released only by a security reviewer: it becomes a requirement of the request. */
export function velocityRequirements(decision: VelocityDecision): StricterRequirement[] {
  return decision.decision === 'hold_for_review' ? ['security_review'] : [];
}
