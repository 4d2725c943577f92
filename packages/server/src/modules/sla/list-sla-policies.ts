import type { Db } from '../../db/connect.js';
import { presentSlaPolicy } from './present-sla.js';
import { listPolicyRows } from './sla-policies-repo.js';

/** Every policy in evaluation order. */
export async function listSlaPolicies(db: Db) {
  return (await listPolicyRows(db)).map(presentSlaPolicy);
}

