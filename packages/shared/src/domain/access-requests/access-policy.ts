import { z } from 'zod';
import type { AccessActionType, TargetTier } from './actions.js';
import { VERIFICATION_METHODS, VerificationMethodSchema, type VerificationMethod } from './verification-methods.js';

/** Privileged targets always need at least this many distinct approvers, whatever a policy says. */
export const PRIVILEGED_MIN_APPROVERS = 2;
/** Break-glass always needs at least this many distinct approvers. */
export const BREAK_GLASS_MIN_APPROVERS = 2;

const TierRuleSchema = z
  .strictObject({
    methods: z
      .array(VerificationMethodSchema)
      .min(1)
      .max(VERIFICATION_METHODS.length)
      .refine((ms) => new Set(ms).size === ms.length, 'must not repeat a method')
      .describe('Methods acceptable for this action and tier'),
    methodsRequired: z.int().min(1).max(VERIFICATION_METHODS.length).describe('How many distinct acceptable methods must succeed'),
    approversRequired: z.int().min(0).max(5).describe('How many distinct approvers, none of them the requester or the target'),
  })
  .refine((r) => r.methodsRequired <= r.methods.length, {
    message: 'methodsRequired must not exceed the number of acceptable methods',
    path: ['methodsRequired'],
  });
export type TierRule = z.infer<typeof TierRuleSchema>;

const ActionRuleSchema = z.strictObject({
  standard: TierRuleSchema,
  privileged: TierRuleSchema.refine((r) => r.approversRequired >= PRIVILEGED_MIN_APPROVERS, {
    message: `privileged targets need at least ${PRIVILEGED_MIN_APPROVERS} approvers`,
    path: ['approversRequired'],
  }),
});

export const AccessPolicySchema = z.strictObject({
  rules: z.strictObject({
    unlock_account: ActionRuleSchema,
    reset_password: ActionRuleSchema,
    reset_mfa: ActionRuleSchema,
    add_group_member: ActionRuleSchema,
    remove_group_member: ActionRuleSchema,
    assign_license: ActionRuleSchema,
    reclaim_license: ActionRuleSchema,
  }),
  verificationFreshMinutes: z.int().min(1).max(60).default(10).describe('How long a verification may be used after it succeeded'),
  callbackQuietDays: z
    .int()
    .min(1)
    .max(90)
    .default(7)
    .describe('A phone number of record changed within this many days is not eligible for a callback'),
  requestLifetimeMinutes: z.int().min(5).max(10_080).default(1440).describe('An unfinished request expires after this long'),
  privilegedGroupIds: z.array(z.string().trim().min(1).max(256)).max(500).default([]).describe('Directory groups whose members are privileged targets'),
  velocity: z
    .strictObject({
      actionsPerAgentPerHour: z.int().min(1).max(1000).default(20),
      privilegedActionsPerAgentPerDay: z.int().min(1).max(1000).default(5),
    })
    .prefault({}),
  breakGlass: z
    .strictObject({
      approversRequired: z.int().min(BREAK_GLASS_MIN_APPROVERS).max(5).default(BREAK_GLASS_MIN_APPROVERS),
      minReasonLength: z.int().min(10).max(2000).default(20),
    })
    .prefault({}),
});
export type AccessPolicy = z.output<typeof AccessPolicySchema>;

const ALL: VerificationMethod[] = [...VERIFICATION_METHODS];
const rule = (methods: VerificationMethod[], methodsRequired: number, approversRequired: number): TierRule => ({
  methods,
  methodsRequired,
  approversRequired,
});

/**
 * A starting policy for a new desk. An unlock keeps the password, so one method is enough;
 * an MFA reset hands over the second factor (the move behind the big help-desk breaches),
 * so it always takes two; a membership grant changes what the account may do, so a
 * standard one still needs an approver. Privileged targets take two approvers everywhere.
 */
export const DEFAULT_ACCESS_POLICY: AccessPolicy = {
  rules: {
    unlock_account: { standard: rule(ALL, 1, 0), privileged: rule(ALL, 1, 2) },
    reset_password: { standard: rule(ALL, 1, 0), privileged: rule(ALL, 2, 2) },
    reset_mfa: {
      standard: rule(ALL, 2, 0),
      privileged: rule(['callback_of_record', 'manager_approval', 'in_person_id'], 2, 2),
    },
    add_group_member: {
      standard: rule(['directory_otp', 'callback_of_record', 'manager_approval', 'in_person_id'], 1, 1),
      privileged: rule(['directory_otp', 'callback_of_record', 'manager_approval', 'in_person_id'], 2, 2),
    },
    remove_group_member: { standard: rule(ALL, 1, 0), privileged: rule(ALL, 1, 2) },
    assign_license: { standard: rule(ALL, 1, 0), privileged: rule(ALL, 1, 2) },
    reclaim_license: { standard: rule(ALL, 1, 0), privileged: rule(ALL, 1, 2) },
  },
  verificationFreshMinutes: 10,
  callbackQuietDays: 7,
  requestLifetimeMinutes: 1440,
  privilegedGroupIds: [],
  velocity: { actionsPerAgentPerHour: 20, privilegedActionsPerAgentPerDay: 5 },
  breakGlass: { approversRequired: BREAK_GLASS_MIN_APPROVERS, minReasonLength: 20 },
};

/** The policy's rule for one action and tier. */
export function ruleFor(policy: AccessPolicy, action: AccessActionType, tier: TargetTier): TierRule {
  return policy.rules[action][tier];
}
