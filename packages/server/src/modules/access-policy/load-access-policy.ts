import { AccessPolicySchema, BUILT_IN_ACCESS_POLICY_VERSION, DEFAULT_ACCESS_POLICY, type AccessPolicy, type AccessPolicySummary } from '@deskside/shared';
import type { Db, Tx } from '../../db/connect.js';
import type { StoredPolicyRow } from './access-policy-repo.js';
import { newestStoredPolicy } from './access-policy-repo.js';
import { BUILT_IN_SUMMARY, presentSummary } from './present-access-policy.js';

/** The policy in force with the version that holds it (0: the built-in policy). */
export interface ActiveAccessPolicy {
  version: number;
  policy: AccessPolicy;
  summary: AccessPolicySummary;
}

const BUILT_IN: ActiveAccessPolicy = { version: BUILT_IN_ACCESS_POLICY_VERSION, policy: DEFAULT_ACCESS_POLICY, summary: BUILT_IN_SUMMARY };

/**
 * The access policy in force: the newest published version, or the built-in default while
 * none is. Read from the database on every call (one row by primary key), so a version
 * published on any node applies to the next request opened on every node.
 */
export async function loadAccessPolicy(q: Db | Tx): Promise<AccessPolicy> {
  return (await loadActiveAccessPolicy(q)).policy;
}

/** The policy in force with its version and who published it. */
export async function loadActiveAccessPolicy(q: Db | Tx): Promise<ActiveAccessPolicy> {
  const row = await newestStoredPolicy(q);
  return row ? parseStoredPolicy(row) : BUILT_IN;
}

/**
 * A stored row read back and checked like a draft. A row the schema refuses fails loudly
 * rather than falling back to the default: the default may be looser than what the admins
 * published, and identity actions stopping is safer than them getting easier.
 */
export function parseStoredPolicy(row: StoredPolicyRow): ActiveAccessPolicy {
  const parsed = AccessPolicySchema.safeParse(JSON.parse(row.policy));
  if (!parsed.success) throw new Error(`access policy version ${row.version} no longer passes the policy schema: ${parsed.error.message}`);
  return { version: Number(row.version), policy: parsed.data, summary: presentSummary(row) };
}
