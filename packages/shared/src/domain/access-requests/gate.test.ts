import { describe, expect, it } from 'vitest';
import { DEFAULT_ACCESS_POLICY } from './access-policy.js';
import { evaluateGate, type Approval, type GateEvidence, type GateSubject } from './gate.js';
import { requirementsFor, type RequirementsInput } from './requirements.js';
import type { Verification } from './verification.js';

const MINUTE = 60_000;
const NOW = Date.UTC(2026, 10, 2, 9);
const subject: GateSubject = { id: 'req-1', targetId: 'user-1', action: 'reset_password', requesterId: 'agent-1' };
const bound = { requestId: 'req-1', targetId: 'user-1', action: 'reset_password', verifiedAt: NOW - MINUTE } as const;
const otp: Verification = { ...bound, id: 'v-otp', method: 'directory_otp', factorOwnerId: 'user-1' };
const call: Verification = { ...bound, id: 'v-call', method: 'callback_of_record', phoneOwnerId: 'user-1', phoneOfRecordChangedAt: null };
const manager: Verification = { ...bound, id: 'v-mgr', method: 'manager_approval', approverId: 'manager-1', directoryManagerId: 'manager-1' };
const approval = (approverId: string, securityReviewer = false): Approval => ({ approverId, at: NOW, securityReviewer });
const evidence = (verifications: Verification[], approvals: Approval[] = [], breakGlassReason: string | null = null): GateEvidence => ({
  verifications,
  approvals,
  breakGlassReason,
});
const needs = (input: Partial<RequirementsInput>) =>
  requirementsFor(DEFAULT_ACCESS_POLICY, { action: 'reset_password', targetTier: 'standard', signalsRequirements: [], breakGlass: false, ...input });

describe('evaluateGate', () => {
  it('is satisfied by one fresh method for a standard password reset', () => {
    expect(evaluateGate(subject, needs({}), evidence([otp]), NOW)).toEqual({ satisfied: true, missing: [] });
  });

  it('says in plain words what is missing, including why a verification did not count', () => {
    const gate = evaluateGate(subject, needs({}), evidence([{ ...otp, verifiedAt: NOW - 30 * MINUTE }]), NOW);
    expect(gate.satisfied).toBe(false);
    expect(gate.missing[0]).toMatch(/^Needs 1 distinct verification method from: .*Done so far: 0$/);
    expect(gate.missing[1]).toMatch(/^Not counted: .*30 minutes ago.*10 minutes/);
  });

  it('needs two different methods and two approvers, other than requester and target, for a privileged reset', () => {
    const privileged = needs({ targetTier: 'privileged' });
    expect(evaluateGate(subject, privileged, evidence([otp, { ...otp, id: 'v-otp-2' }], [approval('lead-1'), approval('lead-2')]), NOW).satisfied).toBe(false);
    expect(evaluateGate(subject, privileged, evidence([otp, call], [approval('lead-1')]), NOW).missing).toEqual([
      'Needs 2 distinct approvers other than the requester and the target. Approved so far: 1',
    ]);
    const selfApproved = evaluateGate(subject, privileged, evidence([otp, call], [approval('lead-1'), approval('agent-1'), approval('user-1')]), NOW);
    expect(selfApproved.satisfied).toBe(false);
    expect(selfApproved.missing).toContain('Not counted: the requester cannot approve their own request');
    expect(selfApproved.missing).toContain('Not counted: the target cannot approve a request about themselves');
    expect(evaluateGate(subject, privileged, evidence([otp, call], [approval('lead-1'), approval('lead-1')]), NOW).satisfied).toBe(false);
    expect(evaluateGate(subject, privileged, evidence([otp, call], [approval('lead-1'), approval('lead-2')]), NOW).satisfied).toBe(true);
  });

  it('refuses anyone acting on their own account whatever the evidence', () => {
    const self = { ...subject, requesterId: 'user-1' };
    expect(evaluateGate(self, needs({}), evidence([otp]), NOW).missing).toContain('Nobody performs an identity action on their own account');
  });

  it('demands the manager when a signal asks for it, on top of the count', () => {
    const r = needs({ signalsRequirements: ['manager_approval'] });
    expect(evaluateGate(subject, r, evidence([otp]), NOW).missing).toEqual(["Needs approval by the person's directory manager in their own session"]);
    expect(evaluateGate(subject, r, evidence([otp, manager]), NOW).satisfied).toBe(true);
  });

  it('demands a security reviewer among the approvers when a signal asks for it', () => {
    const r = needs({ signalsRequirements: ['security_review'] });
    expect(evaluateGate(subject, r, evidence([otp], [approval('lead-1')]), NOW).missing).toEqual(['Needs approval by a security reviewer']);
    expect(evaluateGate(subject, r, evidence([otp], [approval('sec-1', true)]), NOW).satisfied).toBe(true);
  });

  it('says so when the policy cannot be met at all', () => {
    const r = { ...needs({}), acceptableMethods: ['in_person_id' as const], methodsRequired: 2 };
    expect(evaluateGate(subject, r, evidence([]), NOW).missing[1]).toMatch(/accepts too few methods/);
  });

  it('holds break-glass to two approvers and a written reason', () => {
    const r = needs({ breakGlass: true });
    const approvals = [approval('lead-1'), approval('lead-2')];
    expect(evaluateGate(subject, r, evidence([otp], approvals, 'locked out'), NOW).missing).toEqual([
      'Break-glass needs a written reason of at least 20 characters',
    ]);
    expect(evaluateGate(subject, r, evidence([otp], [approval('lead-1')], 'CFO locked out abroad; manager on leave'), NOW).satisfied).toBe(false);
    expect(evaluateGate(subject, r, evidence([otp], approvals, 'CFO locked out abroad; manager on leave'), NOW).satisfied).toBe(true);
  });

  it('refuses requirements worked out for another action', () => {
    expect(evaluateGate(subject, needs({ action: 'unlock_account' }), evidence([otp]), NOW).satisfied).toBe(false);
  });
});
