export { ACCESS_ACTIONS, AccessActionSchema, TARGET_TIERS, tierOfTarget, tierOfRequest } from './actions.js';
export type { AccessAction, AccessActionType, TargetTier, TargetFacts, GroupFacts } from './actions.js';
export {
  VERIFICATION_METHODS,
  VerificationMethodSchema,
  METHOD_LABELS,
  KNOWLEDGE_FACTORS,
  parseVerificationMethod,
} from './verification-methods.js';
export type { VerificationMethod, MethodParse } from './verification-methods.js';
export {
  AccessPolicySchema,
  DEFAULT_ACCESS_POLICY,
  PRIVILEGED_MIN_APPROVERS,
  BREAK_GLASS_MIN_APPROVERS,
  ruleFor,
} from './access-policy.js';
export type { AccessPolicy, TierRule } from './access-policy.js';
export { STRICTER_REQUIREMENTS, stricterRequirementsFromIds, requirementsFor, needsApproval, isAtLeastAsStrict } from './requirements.js';
export type { StricterRequirement, GateRequirements, RequirementsInput } from './requirements.js';
export { checkVerification, VERIFICATION_REFUSALS } from './verification.js';
export type { Verification, VerificationContext, VerificationCheck, VerificationRefusalCode } from './verification.js';
export { evaluateGate, verificationStage, approvalStage } from './gate.js';
export type { Approval, GateEvidence, GateSubject, GateResult } from './gate.js';
export { ACCESS_REQUEST_STATES, FINAL_ACCESS_REQUEST_STATES, nextStates, canMoveTo, readyState } from './request-states.js';
export type { AccessRequestState } from './request-states.js';
export { openAccessRequest } from './access-request.js';
export type { AccessRequest, OpenAccessRequest, OpenResult } from './access-request.js';
export { transition, TRANSITION_REFUSALS } from './transition.js';
export type {
  AccessRequestEvent,
  AccessRequestEventType,
  OutcomeSource,
  TransitionRefusal,
  TransitionRefusalCode,
  TransitionResult,
} from './transition.js';
export { checkVelocity, velocityRequirements } from './velocity.js';
export type { AgentActionRecord, VelocityDecision, VelocityInput } from './velocity.js';
