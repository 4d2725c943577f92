import { BUILT_IN_ACCESS_POLICY_VERSION, type AccessPolicy, type AccessPolicySummary, type AccessPolicyVersion } from '@deskside/shared';
import type { StoredPolicyRow } from './access-policy-repo.js';

export const BUILT_IN_SUMMARY: AccessPolicySummary = {
  version: BUILT_IN_ACCESS_POLICY_VERSION,
  builtIn: true,
  note: 'The policy the desk ships with (decision 0029)',
  publishedAt: null,
  publishedBy: null,
};

/** A stored version's who/when/why, as the API shows it. */
export function presentSummary(row: Omit<StoredPolicyRow, 'policy'>): AccessPolicySummary {
  return {
    version: Number(row.version),
    builtIn: false,
    note: row.note,
    publishedAt: new Date(Number(row.published_at)).toISOString(),
    publishedBy: row.published_by_id === null ? null : { id: row.published_by_id, name: row.published_by_name ?? 'someone' },
  };
}

export function presentVersion(summary: AccessPolicySummary, policy: AccessPolicy): AccessPolicyVersion {
  return { ...summary, policy };
}
