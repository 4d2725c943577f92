import { describe, expect, it } from 'vitest';
import { DEFAULT_ACCESS_POLICY, type AccessPolicy } from './access-policy.js';
import { isAtLeastAsStrict, needsApproval, requirementsFor, stricterRequirementsFromIds } from './requirements.js';
import { VERIFICATION_METHODS } from './verification-methods.js';

const policy = DEFAULT_ACCESS_POLICY;
const base = { signalsRequirements: [], breakGlass: false } as const;

describe('requirementsFor', () => {
  it('takes the policy rule for the action and tier as it stands', () => {
    const r = requirementsFor(policy, { ...base, action: 'unlock_account', targetTier: 'standard' });
    expect(r).toMatchObject({ acceptableMethods: VERIFICATION_METHODS, methodsRequired: 1, approversRequired: 0, mandatoryMethods: [] });
    expect(r.because).toEqual([]);
    expect(needsApproval(r)).toBe(false);
    expect(needsApproval(requirementsFor(policy, { ...base, action: 'unlock_account', targetTier: 'privileged' }))).toBe(true);
  });

  it('puts a two-approver floor under privileged targets even when a policy skipped the schema', () => {
    const loose = structuredClone(policy) as AccessPolicy;
    loose.rules.reset_mfa.privileged.approversRequired = 0;
    expect(requirementsFor(loose, { ...base, action: 'reset_mfa', targetTier: 'privileged' }).approversRequired).toBe(2);
  });

  it('tightens for each signal token and says why', () => {
    const plain = requirementsFor(policy, { ...base, action: 'reset_password', targetTier: 'standard' });
    const two = requirementsFor(policy, { ...base, action: 'reset_password', targetTier: 'standard', signalsRequirements: ['two_methods'] });
    expect(two.methodsRequired).toBe(2);
    const manager = requirementsFor(policy, { ...base, action: 'reset_password', targetTier: 'standard', signalsRequirements: ['manager_approval'] });
    expect(manager.mandatoryMethods).toEqual(['manager_approval']);
    const review = requirementsFor(policy, { ...base, action: 'reset_password', targetTier: 'standard', signalsRequirements: ['security_review'] });
    expect(review).toMatchObject({ securityReviewRequired: true, approversRequired: 1 });
    for (const r of [two, manager, review]) {
      expect(r.because).toHaveLength(1);
      expect(isAtLeastAsStrict(r, plain)).toBe(true);
      expect(isAtLeastAsStrict(plain, r)).toBe(false);
    }
  });

  it('gives a VIP exactly what anyone else gets', () => {
    for (const targetIsVip of [true, false]) {
      expect(requirementsFor(policy, { ...base, action: 'reset_mfa', targetTier: 'standard', targetIsVip })).toEqual(
        requirementsFor(policy, { ...base, action: 'reset_mfa', targetTier: 'standard' }),
      );
    }
  });

  it('makes break-glass take at least two approvers and a reason, alert security at once, and never fewer methods', () => {
    const normal = requirementsFor(policy, { ...base, action: 'reset_mfa', targetTier: 'standard' });
    const glass = requirementsFor(policy, { ...base, action: 'reset_mfa', targetTier: 'standard', breakGlass: true });
    expect(glass).toMatchObject({ breakGlass: true, approversRequired: 2, reasonMinLength: 20, alertSecurityAtOnce: true });
    expect(glass.methodsRequired).toBe(normal.methodsRequired);
    expect(glass.acceptableMethods).toEqual(VERIFICATION_METHODS);
    expect(normal.alertSecurityAtOnce).toBe(false);
  });

  it('reads unknown requirement ids from a signal rule set as a security review', () => {
    expect(stricterRequirementsFromIds(['two_methods', 'call_the_ceo', 'two_methods'])).toEqual(['two_methods', 'security_review']);
    expect(stricterRequirementsFromIds([])).toEqual([]);
  });
});
