import { describe, expect, it } from 'vitest';
import { AccessPolicySchema, DEFAULT_ACCESS_POLICY } from './access-policy.js';
import { KNOWLEDGE_FACTORS, VerificationMethodSchema } from './verification-methods.js';

describe('the verification method schema', () => {
  it('refuses each knowledge factor with the reason, not as an unknown option', () => {
    for (const name of KNOWLEDGE_FACTORS) {
      const result = VerificationMethodSchema.safeParse(name);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toBe(
        `${name} is a knowledge question: anyone who looked the person up can answer it, so it never verifies identity`,
      );
    }
    expect(VerificationMethodSchema.safeParse('sms_to_new_number').error?.issues[0]?.message).toMatch(/not an approved verification method/);
    expect(VerificationMethodSchema.safeParse(7).success).toBe(false);
  });

  it('names the policy field where a knowledge factor was listed', () => {
    const policy = structuredClone(DEFAULT_ACCESS_POLICY) as { rules: Record<string, Record<string, { methods: string[] }>> };
    policy.rules.reset_mfa!.standard!.methods = ['callback_of_record', 'date_of_birth'];
    const issue = AccessPolicySchema.safeParse(policy).error?.issues[0];
    expect(issue?.path).toEqual(['rules', 'reset_mfa', 'standard', 'methods', 1]);
    expect(issue?.message).toContain('date_of_birth is a knowledge question');
  });
});
