import type { Db, Tx } from '../../db/connect.js';
import type { SignalRuleSetRow } from '../../db/types.js';

export interface StoredVersionRow extends SignalRuleSetRow {
  created_by_name: string | null;
}

/** The newest stored version number, or null when nothing was ever published. */
export async function newestStoredVersion(q: Db | Tx): Promise<number | null> {
  const row = await q.selectFrom('signal_rule_sets').select('version').orderBy('version', 'desc').limit(1).executeTakeFirst();
  return row ? Number(row.version) : null;
}

export function findStoredVersion(q: Db | Tx, version: number): Promise<StoredVersionRow | undefined> {
  return q
    .selectFrom('signal_rule_sets as s')
    .leftJoin('users as u', 'u.id', 's.created_by_id')
    .selectAll('s')
    .select('u.name as created_by_name')
    .where('s.version', '=', version)
    .executeTakeFirst();
}

/** Every stored version without its rules, newest first. */
export function listStoredVersions(q: Db | Tx): Promise<Omit<StoredVersionRow, 'rule_set'>[]> {
  return q
    .selectFrom('signal_rule_sets as s')
    .leftJoin('users as u', 'u.id', 's.created_by_id')
    .select(['s.version', 's.note', 's.created_at', 's.created_by_id', 'u.name as created_by_name'])
    .orderBy('s.version', 'desc')
    .execute();
}

export async function insertVersion(tx: Tx, row: SignalRuleSetRow): Promise<void> {
  await tx.insertInto('signal_rule_sets').values(row).execute();
}
