import type { Db, Tx } from '../../db/connect.js';
import type { AccessPolicyRow } from '../../db/types.js';

export interface StoredPolicyRow extends AccessPolicyRow {
  published_by_name: string | null;
}

/** The newest stored version with its policy, or undefined when nothing was ever published. */
export function newestStoredPolicy(q: Db | Tx): Promise<StoredPolicyRow | undefined> {
  return q
    .selectFrom('access_policies as p')
    .leftJoin('users as u', 'u.id', 'p.published_by_id')
    .selectAll('p')
    .select('u.name as published_by_name')
    .orderBy('p.version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export function findStoredPolicy(q: Db | Tx, version: number): Promise<StoredPolicyRow | undefined> {
  return q
    .selectFrom('access_policies as p')
    .leftJoin('users as u', 'u.id', 'p.published_by_id')
    .selectAll('p')
    .select('u.name as published_by_name')
    .where('p.version', '=', version)
    .executeTakeFirst();
}

/** Every stored version without its policy, newest first. */
export function listStoredPolicies(q: Db | Tx): Promise<Omit<StoredPolicyRow, 'policy'>[]> {
  return q
    .selectFrom('access_policies as p')
    .leftJoin('users as u', 'u.id', 'p.published_by_id')
    .select(['p.version', 'p.content_hash', 'p.note', 'p.published_at', 'p.published_by_id', 'u.name as published_by_name'])
    .orderBy('p.version', 'desc')
    .execute();
}

export async function insertPolicy(tx: Tx, row: AccessPolicyRow): Promise<void> {
  await tx.insertInto('access_policies').values(row).execute();
}
