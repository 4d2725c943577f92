import { DEFAULT_PRIORITY_MATRIX, matrixProblems, type DeskSettings, type PriorityMatrix, type UpdateDeskSettingsBody } from '@deskside/shared';
import type { Db, Tx } from '../../db/connect.js';
import { invalid } from '../../errors.js';

type Q = Db | Tx;

export const DEFAULT_SETTINGS: DeskSettings = {
  priorityMatrix: DEFAULT_PRIORITY_MATRIX,
  reopenWindowDays: 14,
  autoCloseDays: 5,
};

const KEY = 'desk';

/** The desk-wide settings (priority matrix, reopen window, auto-close delay). */
export async function getDeskSettings(q: Q): Promise<DeskSettings> {
  const row = await q.selectFrom('settings').select('value').where('key', '=', KEY).executeTakeFirst();
  return { ...DEFAULT_SETTINGS, ...(row ? (JSON.parse(row.value) as Partial<DeskSettings>) : {}) };
}

/** Changes the settings an admin may edit; an incoherent priority matrix is refused with the reason. */
export async function updateDeskSettings(tx: Tx, patch: UpdateDeskSettingsBody, now: number): Promise<DeskSettings> {
  if (patch.priorityMatrix) {
    const problems = matrixProblems(patch.priorityMatrix as PriorityMatrix);
    if (problems.length > 0) throw invalid('priorityMatrix', problems.join('; '));
  }
  const current = await getDeskSettings(tx);
  const next: DeskSettings = { ...current, ...patch } as DeskSettings;
  const value = JSON.stringify(next);
  await tx
    .insertInto('settings')
    .values({ key: KEY, value, updated_at: now })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: now }))
    .execute();
  return next;
}
