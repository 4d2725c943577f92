import { z } from 'zod';
import { AccessPolicySchema } from '../domain/access-requests/access-policy.js';
import { Id, IsoDateTime, Text } from './common.js';

/** Version 0 is the built-in DEFAULT_ACCESS_POLICY, in force until an admin publishes version 1. */
export const BUILT_IN_ACCESS_POLICY_VERSION = 0;

/** Who published a version of the access policy, when and why, without the policy. */
export const AccessPolicySummary = z
  .object({
    version: z.number().int().min(0),
    builtIn: z.boolean().describe('The policy the desk ships with (version 0), never stored'),
    note: z.string().describe('Why this version was published'),
    publishedAt: IsoDateTime.nullable(),
    publishedBy: z.object({ id: Id, name: z.string() }).nullable(),
  })
  .meta({ id: 'AccessPolicySummary' });
export type AccessPolicySummary = z.infer<typeof AccessPolicySummary>;

/** One version with its policy; requests opened under it keep the requirements it gave them. */
export const AccessPolicyVersion = AccessPolicySummary.extend({ policy: AccessPolicySchema }).meta({ id: 'AccessPolicyVersion' });
export type AccessPolicyVersion = z.infer<typeof AccessPolicyVersion>;

/** Every version, newest first, the built-in one last. */
export const AccessPolicyVersionList = z.object({ items: z.array(AccessPolicySummary) }).meta({ id: 'AccessPolicyVersionList' });
export type AccessPolicyVersionList = z.infer<typeof AccessPolicyVersionList>;

export const AccessPolicyVersionRef = z.strictObject({ version: z.coerce.number().int().min(0) });

/**
 * Publishing the next version: the whole policy, checked by the shared schema (400 naming
 * `body.policy.<field>`; a privileged rule under two approvers or a knowledge question as
 * a method is refused with the reason). Send If-Match with the version you edited.
 */
export const PublishAccessPolicyBody = z
  .strictObject({ policy: AccessPolicySchema, note: Text(500).describe('Why the policy changes; shown in the history and the audit log') })
  .meta({ id: 'PublishAccessPolicyBody' });
export type PublishAccessPolicyBody = z.input<typeof PublishAccessPolicyBody>;
