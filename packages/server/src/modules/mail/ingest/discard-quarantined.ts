import type { Db } from '../../../db/connect.js';
import { notFound } from '../../../errors.js';
import { deleteQuarantineRow } from './quarantine-repo.js';

/** Drops a held message for good. */
export async function discardQuarantined(db: Db, id: number): Promise<void> {
  if (!(await deleteQuarantineRow(db, id))) throw notFound('quarantined message');
}
