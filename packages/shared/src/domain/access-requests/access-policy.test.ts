import { describe, expect, it } from 'vitest';
import { ACCESS_ACTIONS } from './actions.js';
import { AccessPolicySchema, DEFAULT_ACCESS_POLICY } from './access-policy.js';
import { KNOWLEDGE_FACTORS, parseVerificationMethod, VERIFICATION_METHODS } from './verification-methods.js';

describe('the access policy', () => {
  it('ships a default that its own schema accepts unchanged, and fills defaults from rules alone', () => {
    expect(AccessPolicySchema.parse(DEFAULT_ACCESS_POLICY)).toEqual(DEFAULT_ACCESS_POLICY);
    expect(AccessPolicySchema.parse({ rules: DEFAULT_ACCESS_POLICY.rules })).toEqual(DEFAULT_ACCESS_POLICY);
  });

  it('defaults to 10-minute verifications and a 7-day quiet period after a phone change', () => {
    expect(DEFAULT_ACCESS_POLICY.verificationFreshMinutes).toBe(10);
    expect(DEFAULT_ACCESS_POLICY.callbackQuietDays).toBe(7);
  });

  it('asks two approvers for every privileged rule and two methods for every MFA reset by default', () => {
    for (const action of ACCESS_ACTIONS) expect(DEFAULT_ACCESS_POLICY.rules[action].privileged.approversRequired).toBeGreaterThanOrEqual(2);
    expect(DEFAULT_ACCESS_POLICY.rules.reset_mfa.standard.methodsRequired).toBe(2);
    expect(DEFAULT_ACCESS_POLICY.rules.reset_mfa.privileged.methodsRequired).toBe(2);
  });

  it('rejects a privileged rule with fewer than two approvers', () => {
    const privileged = { methods: ['in_person_id'], methodsRequired: 1, approversRequired: 1 };
    const rules = { ...DEFAULT_ACCESS_POLICY.rules, unlock_account: { ...DEFAULT_ACCESS_POLICY.rules.unlock_account, privileged } };
    const result = AccessPolicySchema.safeParse({ rules });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['rules', 'unlock_account', 'privileged', 'approversRequired']);
  });

  it('rejects knowledge questions, repeated methods and counts above the acceptable methods', () => {
    const withStandard = (standard: unknown) =>
      AccessPolicySchema.safeParse({ rules: { ...DEFAULT_ACCESS_POLICY.rules, reset_password: { ...DEFAULT_ACCESS_POLICY.rules.reset_password, standard } } });
    expect(withStandard({ methods: ['knowledge_questions'], methodsRequired: 1, approversRequired: 0 }).success).toBe(false);
    expect(withStandard({ methods: ['directory_otp', 'directory_otp'], methodsRequired: 2, approversRequired: 0 }).success).toBe(false);
    expect(withStandard({ methods: ['directory_otp'], methodsRequired: 2, approversRequired: 0 }).success).toBe(false);
    expect(withStandard({ methods: ['directory_otp'], methodsRequired: 0, approversRequired: 0 }).success).toBe(false);
  });

  it('rejects a break-glass path with fewer than two approvers and unknown fields', () => {
    expect(AccessPolicySchema.safeParse({ rules: DEFAULT_ACCESS_POLICY.rules, breakGlass: { approversRequired: 1 } }).success).toBe(false);
    expect(AccessPolicySchema.safeParse({ rules: DEFAULT_ACCESS_POLICY.rules, vipBypass: true }).success).toBe(false);
  });
});

describe('verification method names', () => {
  it('accepts the four approved methods', () => {
    for (const m of VERIFICATION_METHODS) expect(parseVerificationMethod(m)).toEqual({ ok: true, method: m });
  });

  it('refuses every knowledge factor, saying why', () => {
    for (const name of KNOWLEDGE_FACTORS) {
      const parsed = parseVerificationMethod(name);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.reason).toMatch(/knowledge question/);
    }
    const unknown = parseVerificationMethod('sms_to_new_number');
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(unknown.reason).toMatch(/not an approved verification method/);
  });
});
