import type { AccessRequest } from './access-request.js';
import { approvalStage, evaluateGate, verificationStage, type GateSubject } from './gate.js';
import { nextStates, readyState, type AccessRequestState } from './request-states.js';
import { needsApproval } from './requirements.js';
import { checkVerification, type Verification } from './verification.js';

/**
 * Where a write's outcome was learned: the directory's own answer, reading the account back, or
 * the agent recording that they made (or could not make) the change in the native console, when
 * the write was manual (decision 0043). Every source settles only a request in unknown_outcome.
 */
export type OutcomeSource = 'directory_reply' | 'read_back' | 'agent_recorded';

/** Something that happens to a request. The server maps each API call and job step to one. */
export type AccessRequestEvent =
  | { type: 'verify'; verification: Verification }
  | { type: 'approve'; approverId: string; securityReviewer: boolean }
  /** The server is about to write to the directory; it commits this before sending the write. */
  | { type: 'start_execution' }
  | { type: 'confirm_applied'; source: OutcomeSource }
  | { type: 'confirm_not_applied'; source: OutcomeSource; reason: string }
  | { type: 'record_notified' }
  | { type: 'refuse'; byId: string; reason: string }
  | { type: 'expire' };
export type AccessRequestEventType = AccessRequestEvent['type'];

export const TRANSITION_REFUSALS = [
  'out_of_order',
  'request_expired',
  'not_due',
  'verification_refused',
  'approval_refused',
  'gate_not_satisfied',
  'invalid',
] as const;
export type TransitionRefusalCode = (typeof TRANSITION_REFUSALS)[number];

/** Why an event was not applied, with the states the request may move to (the server's 409 body). */
export interface TransitionRefusal {
  code: TransitionRefusalCode;
  reason: string;
  missing: string[];
  allowed: readonly AccessRequestState[];
}

export type TransitionResult = { ok: true; request: AccessRequest } | { ok: false; refusal: TransitionRefusal };

/** Applies one event to a request, or says why not. Never mutates the request it is given. */
export function transition(request: AccessRequest, event: AccessRequestEvent, now: number): TransitionResult {
  const approval = needsApproval(request.requirements);
  const allowed = nextStates(request.state, approval);
  const refuse = (code: TransitionRefusalCode, reason: string, missing: string[] = [], only = allowed): TransitionResult => ({
    ok: false,
    refusal: { code, reason, missing, allowed: only },
  });
  const outOfOrder = () => refuse('out_of_order', `A request that is ${request.state.replace('_', ' ')} cannot take "${event.type}" now`);
  const open = request.state === 'requested' || request.state === 'verified' || request.state === 'approved';
  const subject: GateSubject = { id: request.id, targetId: request.targetId, action: request.action.type, requesterId: request.requesterId };
  const moveTo = (state: AccessRequestState, changes: Partial<AccessRequest> = {}): TransitionResult => ({
    ok: true,
    request: { ...request, ...changes, state },
  });

  // Past its lifetime a request only ends; a caller verified yesterday is not verified today.
  const pastLifetime = open && now >= request.expiresAt;
  if (pastLifetime && (event.type === 'verify' || event.type === 'approve' || event.type === 'start_execution')) {
    return refuse('request_expired', 'The request has passed its lifetime; open a new one', [], ['expired', 'refused']);
  }

  switch (event.type) {
    case 'verify': {
      if (!open) return outOfOrder();
      const v = event.verification;
      if (request.evidence.verifications.some((known) => known.id === v.id)) {
        return refuse('invalid', 'This verification is already recorded on the request');
      }
      const check = checkVerification(v, { ...subject, requestId: request.id, now, policy: request.requirements });
      if (!check.ok) return refuse('verification_refused', check.reason, [check.reason]);
      const evidence = { ...request.evidence, verifications: [...request.evidence.verifications, v] };
      const reachesVerified =
        request.state === 'requested' && verificationStage(subject, request.requirements, evidence, now).satisfied;
      return moveTo(reachesVerified ? 'verified' : request.state, { evidence });
    }
    case 'approve': {
      if (!approval) return refuse('out_of_order', 'This request needs no approval');
      if (request.state !== 'verified' && request.state !== 'approved') return outOfOrder();
      if (event.approverId === request.requesterId) return refuse('approval_refused', 'The requester cannot approve their own request');
      if (event.approverId === request.targetId) return refuse('approval_refused', 'The target cannot approve a request about themselves');
      if (request.evidence.approvals.some((a) => a.approverId === event.approverId)) {
        return refuse('approval_refused', 'This person has already approved; approvers must be different people');
      }
      const approvals = [...request.evidence.approvals, { approverId: event.approverId, at: now, securityReviewer: event.securityReviewer }];
      const evidence = { ...request.evidence, approvals };
      const reachesApproved = request.state === 'verified' && approvalStage(subject, request.requirements, evidence).satisfied;
      return moveTo(reachesApproved ? 'approved' : request.state, { evidence });
    }
    case 'start_execution': {
      if (request.state !== readyState(approval)) {
        // Say what is still missing, so "not yet" reads as the steps left, not as a wrong button.
        const missing = open ? evaluateGate(subject, request.requirements, request.evidence, now).missing : [];
        return refuse('out_of_order', `A request that is ${request.state.replace('_', ' ')} cannot take "${event.type}" now`, missing);
      }
      // The whole gate again, at this instant: a verification may have gone stale while approvers were found.
      const gate = evaluateGate(subject, request.requirements, request.evidence, now);
      if (!gate.satisfied) return refuse('gate_not_satisfied', 'The verification gate is not satisfied', gate.missing);
      return moveTo('unknown_outcome', { executionAttempts: request.executionAttempts + 1 });
    }
    case 'confirm_applied':
      if (request.state !== 'unknown_outcome') return outOfOrder();
      return moveTo('executed', { executedAt: now });
    case 'confirm_not_applied':
      if (request.state !== 'unknown_outcome') return outOfOrder();
      // Nothing changed in the directory, so the request may be tried again, through the gate again.
      return moveTo(readyState(approval), { lastReason: event.reason.trim() || 'The directory did not apply the change' });
    case 'record_notified':
      if (request.state !== 'executed') return outOfOrder();
      return moveTo('notified', { notifiedAt: now });
    case 'refuse':
      if (!open) return outOfOrder();
      if (event.reason.trim() === '') return refuse('invalid', 'A refusal needs a reason');
      return moveTo('refused', { lastReason: event.reason.trim() });
    case 'expire':
      if (!open) return outOfOrder();
      if (now < request.expiresAt) return refuse('not_due', 'The request has not reached the end of its lifetime');
      return moveTo('expired', { lastReason: 'The request expired before it was executed' });
  }
}
