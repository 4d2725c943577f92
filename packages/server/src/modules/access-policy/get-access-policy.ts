import type { AccessPolicyVersion } from '@deskside/shared';
import type { Db } from '../../db/connect.js';
import type { Actor } from '../identity/index.js';
import { authorizeAccessPolicy } from './access-policy-rules.js';
import { loadActiveAccessPolicy } from './load-access-policy.js';
import { presentVersion } from './present-access-policy.js';

/** The policy in force with its version, for an admin to read and edit. */
export async function getAccessPolicy(db: Db, actor: Actor): Promise<AccessPolicyVersion> {
  authorizeAccessPolicy(actor, 'read');
  const active = await loadActiveAccessPolicy(db);
  return presentVersion(active.summary, active.policy);
}
