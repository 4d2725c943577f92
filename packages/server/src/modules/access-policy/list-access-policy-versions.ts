import type { AccessPolicyVersionList } from '@deskside/shared';
import type { Db } from '../../db/connect.js';
import type { Actor } from '../identity/index.js';
import { listStoredPolicies } from './access-policy-repo.js';
import { authorizeAccessPolicy } from './access-policy-rules.js';
import { BUILT_IN_SUMMARY, presentSummary } from './present-access-policy.js';

/** Every version without its policy, newest first, the built-in policy last. */
export async function listAccessPolicyVersions(db: Db, actor: Actor): Promise<AccessPolicyVersionList> {
  authorizeAccessPolicy(actor, 'read');
  const stored = await listStoredPolicies(db);
  return { items: [...stored.map(presentSummary), BUILT_IN_SUMMARY] };
}
