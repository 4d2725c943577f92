import { BUILT_IN_ACCESS_POLICY_VERSION, DEFAULT_ACCESS_POLICY, type AccessPolicyVersion } from '@deskside/shared';
import type { Db } from '../../db/connect.js';
import { notFound } from '../../errors.js';
import type { Actor } from '../identity/index.js';
import { findStoredPolicy } from './access-policy-repo.js';
import { authorizeAccessPolicy } from './access-policy-rules.js';
import { parseStoredPolicy } from './load-access-policy.js';
import { BUILT_IN_SUMMARY, presentVersion } from './present-access-policy.js';

/** One version with its policy, as it was published; 0 is the built-in policy. */
export async function getAccessPolicyVersion(db: Db, actor: Actor, version: number): Promise<AccessPolicyVersion> {
  authorizeAccessPolicy(actor, 'read');
  if (version === BUILT_IN_ACCESS_POLICY_VERSION) return presentVersion(BUILT_IN_SUMMARY, DEFAULT_ACCESS_POLICY);
  const row = await findStoredPolicy(db, version);
  if (!row) throw notFound('access policy version');
  const stored = parseStoredPolicy(row);
  return presentVersion(stored.summary, stored.policy);
}
