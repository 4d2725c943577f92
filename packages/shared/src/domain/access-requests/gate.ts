import type { AccessActionType } from './actions.js';
import type { GateRequirements } from './requirements.js';
import { checkVerification, type Verification } from './verification.js';
import { METHOD_LABELS, type VerificationMethod } from './verification-methods.js';

/** One approver's yes, given in their own signed-in session. */
export interface Approval {
  approverId: string;
  at: number;
  /** The server sets this only for members of the Security group. */
  securityReviewer: boolean;
}

/** Everything gathered for a request so far. */
export interface GateEvidence {
  verifications: readonly Verification[];
  approvals: readonly Approval[];
  breakGlassReason: string | null;
}

/** The parts of a request the gate looks at. */
export interface GateSubject {
  id: string;
  targetId: string;
  action: AccessActionType;
  requesterId: string;
}

export interface GateResult {
  satisfied: boolean;
  /** What is still missing, in plain words for the agent; empty when satisfied. */
  missing: string[];
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Whether the request may execute now: identity verified, approvals given, reason written. */
export function evaluateGate(subject: GateSubject, requirements: GateRequirements, evidence: GateEvidence, now: number): GateResult {
  const missing = [
    ...subjectProblems(subject, requirements),
    ...verificationStage(subject, requirements, evidence, now).missing,
    ...approvalStage(subject, requirements, evidence).missing,
    ...reasonProblems(requirements, evidence),
  ];
  return { satisfied: missing.length === 0, missing };
}

function subjectProblems(subject: GateSubject, requirements: GateRequirements): string[] {
  const problems: string[] = [];
  if (subject.requesterId === subject.targetId) problems.push('Nobody performs an identity action on their own account');
  if (requirements.action !== subject.action) problems.push('The requirements were worked out for another action');
  return problems;
}

function reasonProblems(requirements: GateRequirements, evidence: GateEvidence): string[] {
  if (requirements.reasonMinLength === null) return [];
  const length = (evidence.breakGlassReason ?? '').trim().length;
  if (length >= requirements.reasonMinLength) return [];
  return [`Break-glass needs a written reason of at least ${requirements.reasonMinLength} characters`];
}

/** The verification half of the gate: enough distinct, fresh, bound methods. */
export function verificationStage(subject: GateSubject, requirements: GateRequirements, evidence: GateEvidence, now: number): GateResult {
  const passed = new Set<VerificationMethod>();
  const notCounted: string[] = [];
  for (const v of evidence.verifications) {
    const check = checkVerification(v, {
      requestId: subject.id,
      targetId: subject.targetId,
      action: subject.action,
      requesterId: subject.requesterId,
      now,
      policy: requirements,
    });
    if (check.ok) passed.add(v.method);
    else notCounted.push(`Not counted: ${check.reason}`);
  }

  const missing: string[] = [];
  const counted = [...passed].filter((m) => requirements.acceptableMethods.includes(m));
  if (counted.length < requirements.methodsRequired) {
    const options = requirements.acceptableMethods.map((m) => METHOD_LABELS[m]).join('; ');
    missing.push(
      `Needs ${plural(requirements.methodsRequired, 'distinct verification method')} from: ${options}. Done so far: ${counted.length}`,
    );
    if (requirements.acceptableMethods.length < requirements.methodsRequired) {
      missing.push('The policy accepts too few methods for this request to pass; an admin must widen it or break-glass must be used');
    }
  }
  for (const m of requirements.mandatoryMethods) {
    if (!passed.has(m)) missing.push(`Needs ${METHOD_LABELS[m]}`);
  }
  if (missing.length > 0) missing.push(...notCounted);
  return { satisfied: missing.length === 0, missing };
}

/** The approval half of the gate: enough distinct approvers, none of them the requester or the target. */
export function approvalStage(subject: GateSubject, requirements: GateRequirements, evidence: GateEvidence): GateResult {
  const approvers = new Set<string>();
  let securityReviewed = false;
  const notCounted: string[] = [];
  for (const a of evidence.approvals) {
    if (a.approverId === subject.requesterId) notCounted.push('Not counted: the requester cannot approve their own request');
    else if (a.approverId === subject.targetId) notCounted.push('Not counted: the target cannot approve a request about themselves');
    else {
      approvers.add(a.approverId);
      if (a.securityReviewer) securityReviewed = true;
    }
  }

  const missing: string[] = [];
  if (approvers.size < requirements.approversRequired) {
    missing.push(
      `Needs ${plural(requirements.approversRequired, 'distinct approver')} other than the requester and the target. Approved so far: ${approvers.size}`,
    );
  }
  if (requirements.securityReviewRequired && !securityReviewed) missing.push('Needs approval by a security reviewer');
  if (missing.length > 0) missing.push(...notCounted);
  return { satisfied: missing.length === 0, missing };
}
