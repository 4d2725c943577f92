import { type AccessRequestView, type DetectedSignal, evaluateGate, type VerificationMethod } from '@deskside/shared';
import { allowedNext, type LoadedAccessRequest } from './access-writes.js';
import { waitingSteps } from './manual-execution.js';

const counted = (n: number, one: string, many: string) => `${n === 0 ? 'no' : n} ${n === 1 ? one : many}`;

/** "2 verification methods and 1 approver for a privileged account". */
function requirementInWords(methods: number, approvers: number, tier: string): string {
  return `${counted(methods, 'verification method', 'verification methods')} and ${counted(approvers, 'approver', 'approvers')} for a ${tier} account`;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** The request as the staff who work its ticket see it: the phone of record to dial, and what is missing in plain words. */
export function presentAccessRequest(loaded: LoadedAccessRequest, now: number): AccessRequestView {
  const { row, request, target } = loaded;
  const open = request.state === 'requested' || request.state === 'verified' || request.state === 'approved';
  const gate = evaluateGate(
    { id: request.id, targetId: request.targetId, action: request.action.type, requesterId: request.requesterId },
    request.requirements,
    request.evidence,
    now,
  );
  const pendingInPerson = loaded.verifications.some((v) => v.method === 'in_person_id' && v.verified_at === null);
  const pendingOtp = loaded.verifications.some((v) => v.method === 'directory_otp' && v.verified_at === null);
  const pendingManager = loaded.verifications.some((v) => v.method === 'manager_approval' && v.verified_at === null);
  const signals = JSON.parse(row.signals) as { signals: DetectedSignal[] };
  return {
    id: row.id,
    ticketId: row.ticket_id,
    action: request.action,
    state: request.state,
    version: row.version,
    allowedNext: [...allowedNext(request)],
    target: {
      directoryId: target.immutable_id,
      name: target.name,
      email: target.email,
      phoneOfRecord: target.phone,
      phoneChangedAt: iso(target.phone_changed_at),
      tier: row.target_tier,
    },
    requirements: {
      policyVersion: row.policy_version,
      methodsRequired: request.requirements.methodsRequired,
      approversRequired: request.requirements.approversRequired,
      acceptableMethods: [...request.requirements.acceptableMethods],
      inWords: [
        requirementInWords(request.requirements.methodsRequired, request.requirements.approversRequired, row.target_tier)
          + (row.policy_version === null ? '' : row.policy_version === 0 ? ' (the built-in access policy)' : ` (access policy version ${row.policy_version})`),
        ...request.requirements.because,
      ],
    },
    missing: open ? [...gate.missing, ...(pendingInPerson ? ['An in-person check waits for a second agent to confirm it'] : []), ...(pendingOtp ? ['A confirmation link was sent to the person; waiting for them to answer on their own device'] : []), ...(pendingManager ? ['The manager of record was asked to approve in their own session; waiting for their answer'] : [])] : [],
    signals: {
      score: row.signal_score,
      level: row.signal_level,
      ruleSetVersion: row.rule_set_version,
      items: signals.signals.map((s) => ({ label: s.label, evidence: s.evidence })),
    },
    openedBy: row.requester_id,
    verifications: loaded.verifications.map((v) => ({
      method: v.method as VerificationMethod, verifiedAt: iso(v.verified_at), evidence: v.evidence, by: JSON.parse(v.verifier_ids) as number[],
    })),
    approvals: loaded.approvals.map((a) => ({ approverId: a.approver_id, at: iso(a.at)! })),
    createdAt: iso(row.created_at)!,
    expiresAt: iso(row.expires_at)!,
    executedAt: iso(row.executed_at),
    outcome: row.outcome_detail,
    securityTicketId: row.security_ticket_id,
    breakGlassReason: row.break_glass_reason,
    manualSteps: waitingSteps(loaded),
  };
}
