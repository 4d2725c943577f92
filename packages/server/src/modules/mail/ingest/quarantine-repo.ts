import type { Db, Tx } from '../../../db/connect.js';

type Q = Db | Tx;

const SUMMARY_COLUMNS = ['id', 'mailbox', 'reason', 'raw_size', 'attempts', 'created_at', 'last_attempt_at'] as const;

/** Held messages, newest first, with only the head of their bytes for the list. */
export async function listQuarantineRows(q: Q, limit: number) {
  return q.selectFrom('mail_quarantine').select([...SUMMARY_COLUMNS, 'raw']).orderBy('id', 'desc').limit(limit).execute();
}

export function findQuarantineRow(q: Q, id: number) {
  return q.selectFrom('mail_quarantine').select([...SUMMARY_COLUMNS, 'raw']).where('id', '=', id).executeTakeFirst();
}

export async function deleteQuarantineRow(q: Q, id: number): Promise<boolean> {
  const result = await q.deleteFrom('mail_quarantine').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

export async function setQuarantineReason(q: Q, id: number, reason: string): Promise<void> {
  await q.updateTable('mail_quarantine').set({ reason: reason.slice(0, 500) }).where('id', '=', id).execute();
}

export type QuarantineRow = NonNullable<Awaited<ReturnType<typeof findQuarantineRow>>>;
