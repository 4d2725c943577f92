export type { SlaFact, SlaFactKind } from './facts.js';
export {
  SLA_TARGETS,
  DEFAULT_SLA_POLICY,
  DEFAULT_PAUSED_PENDING_REASONS,
  DEFAULT_CADENCE_PAUSED_PENDING_REASONS,
  DEFAULT_WARN_AT_FRACTION,
} from './policy.js';
export type { SlaPolicy, SlaTargetMinutes, SlaTargetName } from './policy.js';
export type { SlaClock, SlaClockState, SlaState } from './sla-state.js';
export { computeSlaState } from './compute-sla.js';
export { timeToBreach, clockTimeToBreach, PAUSED_SORT_OFFSET, SETTLED_SORT_KEY } from './time-to-breach.js';
