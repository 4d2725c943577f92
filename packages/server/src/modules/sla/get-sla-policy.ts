import type { Db } from '../../db/connect.js';
import { notFound } from '../../errors.js';
import { presentSlaPolicy } from './present-sla.js';
import { findPolicyRow } from './sla-policies-repo.js';

/** One policy; 404 when there is none by that id. */
export async function getSlaPolicy(db: Db, id: number) {
  const row = await findPolicyRow(db, id);
  if (!row) throw notFound('SLA policy');
  return presentSlaPolicy(row);
}
