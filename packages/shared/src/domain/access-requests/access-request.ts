import type { AccessAction, TargetTier } from './actions.js';
import type { GateEvidence } from './gate.js';
import type { AccessRequestState } from './request-states.js';
import type { GateRequirements } from './requirements.js';

const MINUTE = 60_000;

/** One identity request, as the state machine sees it. The server stores and versions it. */
export interface AccessRequest {
  id: string;
  action: AccessAction;
  /** Directory id of the account acted on. */
  targetId: string;
  /** The agent who asked for the action. */
  requesterId: string;
  targetTier: TargetTier;
  /** Fixed at opening: a later warning sign means refusing and opening a stricter request. */
  requirements: GateRequirements;
  state: AccessRequestState;
  evidence: GateEvidence;
  createdAt: number;
  /** Unfinished requests expire here; a verified caller must not be able to come back tomorrow. */
  expiresAt: number;
  /** How many directory writes were started; more than one only after a read-back showed no change. */
  executionAttempts: number;
  executedAt: number | null;
  notifiedAt: number | null;
  /** Why the request was refused, or why the last write did not apply. */
  lastReason: string | null;
}

export interface OpenAccessRequest {
  id: string;
  action: AccessAction;
  targetId: string;
  requesterId: string;
  requirements: GateRequirements;
  breakGlassReason: string | null;
  now: number;
  lifetimeMinutes: number;
}

export type OpenResult = { ok: true; request: AccessRequest } | { ok: false; reason: string };

/** Opens a request in `requested`, refusing the ones that could never be allowed. */
export function openAccessRequest(input: OpenAccessRequest): OpenResult {
  const { requirements } = input;
  if (input.requesterId === input.targetId) {
    return { ok: false, reason: 'Nobody performs an identity action on their own account; another agent must handle it' };
  }
  if (requirements.action !== input.action.type) {
    return { ok: false, reason: 'The requirements were worked out for another action' };
  }
  if (input.action.type === 'add_group_member' && input.action.expiresAt !== null && input.action.expiresAt <= input.now) {
    return { ok: false, reason: 'A time-bound membership must end in the future' };
  }
  if (requirements.reasonMinLength !== null && (input.breakGlassReason ?? '').trim().length < requirements.reasonMinLength) {
    return { ok: false, reason: `Break-glass needs a written reason of at least ${requirements.reasonMinLength} characters` };
  }
  return {
    ok: true,
    request: {
      id: input.id,
      action: input.action,
      targetId: input.targetId,
      requesterId: input.requesterId,
      targetTier: requirements.targetTier,
      requirements,
      state: 'requested',
      evidence: { verifications: [], approvals: [], breakGlassReason: requirements.breakGlass ? input.breakGlassReason : null },
      createdAt: input.now,
      expiresAt: input.now + input.lifetimeMinutes * MINUTE,
      executionAttempts: 0,
      executedAt: null,
      notifiedAt: null,
      lastReason: null,
    },
  };
}
