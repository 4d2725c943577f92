import type { AccessActionType, TargetTier } from './actions.js';
import { BREAK_GLASS_MIN_APPROVERS, PRIVILEGED_MIN_APPROVERS, ruleFor, type AccessPolicy } from './access-policy.js';
import { VERIFICATION_METHODS, type VerificationMethod } from './verification-methods.js';

/**
 * Stricter requirements a request's social-engineering signals (or a velocity hold) ask
 * for. The signal scorer produces these; the gate only ever adds them to the policy.
 */
export const STRICTER_REQUIREMENTS = ['two_methods', 'manager_approval', 'security_review'] as const;
export type StricterRequirement = (typeof STRICTER_REQUIREMENTS)[number];

/**
 * Reads requirement ids from an admin-edited signal rule set. An id the gate does not know
 * fails closed: it becomes a security review rather than being dropped.
 */
export function stricterRequirementsFromIds(ids: readonly string[]): StricterRequirement[] {
  const known = (id: string): StricterRequirement => STRICTER_REQUIREMENTS.find((r) => r === id) ?? 'security_review';
  return [...new Set(ids.map(known))];
}

/** What one request must show before it may execute, fixed when the request is opened. */
export interface GateRequirements {
  action: AccessActionType;
  targetTier: TargetTier;
  /** Methods that count towards methodsRequired. */
  acceptableMethods: readonly VerificationMethod[];
  /** Distinct acceptable methods that must have succeeded. */
  methodsRequired: number;
  /** Methods that must be among those that succeeded, on top of the count. */
  mandatoryMethods: readonly VerificationMethod[];
  /** Distinct approvers, none of them the requester or the target. */
  approversRequired: number;
  /** One approver must be a security reviewer. */
  securityReviewRequired: boolean;
  breakGlass: boolean;
  /** Shortest reason a break-glass request must give; null when no reason is asked. */
  reasonMinLength: number | null;
  /** Security is alerted when the request is opened, not after the fact. */
  alertSecurityAtOnce: boolean;
  verificationFreshMinutes: number;
  callbackQuietDays: number;
  /** Plain words for each requirement beyond the policy's rule, for the agent. */
  because: readonly string[];
}

export interface RequirementsInput {
  action: AccessActionType;
  targetTier: TargetTier;
  signalsRequirements: readonly StricterRequirement[];
  breakGlass: boolean;
  /**
   * Accepted and deliberately unused: VIPs are the people callers most like to
   * impersonate, so their status never changes what the gate asks for.
   */
  targetIsVip?: boolean;
}

/** The requirements for one request: the policy's rule, then break-glass, then signals, each only adding. */
export function requirementsFor(policy: AccessPolicy, input: RequirementsInput): GateRequirements {
  const rule = ruleFor(policy, input.action, input.targetTier);
  const because: string[] = [];
  let acceptable: VerificationMethod[] = [...rule.methods];
  let methodsRequired = rule.methodsRequired;
  const mandatory = new Set<VerificationMethod>();
  let approversRequired = rule.approversRequired;
  let securityReviewRequired = false;

  // A policy loaded without the schema must still not let a privileged target through on one approval.
  if (input.targetTier === 'privileged' && approversRequired < PRIVILEGED_MIN_APPROVERS) {
    approversRequired = PRIVILEGED_MIN_APPROVERS;
  }

  if (input.breakGlass) {
    // Break-glass is for when the usual methods cannot be reached (a lost phone, a manager
    // away): any approved method may count, but never fewer of them, and the price is two
    // approvers, a written reason and security told at once.
    acceptable = [...VERIFICATION_METHODS];
    approversRequired = Math.max(approversRequired, policy.breakGlass.approversRequired, BREAK_GLASS_MIN_APPROVERS);
    because.push(
      `Break-glass: any approved method counts, but ${approversRequired} approvers and a written reason are required and security is alerted now.`,
    );
  }

  for (const token of new Set(input.signalsRequirements)) {
    if (token === 'two_methods') {
      methodsRequired = Math.max(methodsRequired, 2);
      because.push('Warning signs on this request: two different verification methods are required.');
    } else if (token === 'manager_approval') {
      mandatory.add('manager_approval');
      because.push("Warning signs on this request: the person's manager must approve in their own session.");
    } else if (token === 'security_review') {
      securityReviewRequired = true;
      approversRequired = Math.max(approversRequired, 1);
      because.push('Warning signs on this request: a security reviewer must approve it.');
    }
  }

  return {
    action: input.action,
    targetTier: input.targetTier,
    acceptableMethods: acceptable,
    methodsRequired,
    mandatoryMethods: [...mandatory],
    approversRequired,
    securityReviewRequired,
    breakGlass: input.breakGlass,
    reasonMinLength: input.breakGlass ? policy.breakGlass.minReasonLength : null,
    alertSecurityAtOnce: input.breakGlass,
    verificationFreshMinutes: policy.verificationFreshMinutes,
    callbackQuietDays: policy.callbackQuietDays,
    because,
  };
}

/** Whether the request waits for approvers between verification and execution. */
export function needsApproval(requirements: GateRequirements): boolean {
  return requirements.approversRequired > 0 || requirements.securityReviewRequired;
}

/**
 * True when everything that satisfies `stricter` also satisfies `looser`: it accepts no
 * method the other refuses, counts at least as many, and asks for at least as much.
 */
export function isAtLeastAsStrict(stricter: GateRequirements, looser: GateRequirements): boolean {
  const within = <T>(small: readonly T[], big: readonly T[]) => small.every((x) => big.includes(x));
  const reasonAtLeast = looser.reasonMinLength === null || (stricter.reasonMinLength ?? -1) >= looser.reasonMinLength;
  return (
    stricter.action === looser.action &&
    stricter.targetTier === looser.targetTier &&
    within(stricter.acceptableMethods, looser.acceptableMethods) &&
    stricter.methodsRequired >= looser.methodsRequired &&
    within(looser.mandatoryMethods, stricter.mandatoryMethods) &&
    stricter.approversRequired >= looser.approversRequired &&
    (!looser.securityReviewRequired || stricter.securityReviewRequired) &&
    reasonAtLeast &&
    (!looser.alertSecurityAtOnce || stricter.alertSecurityAtOnce) &&
    stricter.verificationFreshMinutes <= looser.verificationFreshMinutes &&
    stricter.callbackQuietDays >= looser.callbackQuietDays
  );
}
