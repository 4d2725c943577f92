import type { Insertable, Updateable } from 'kysely';
import type { Db, Tx } from '../../../db/connect.js';
import type { MailMailboxesTable, MailMailboxRow } from '../../../db/types.js';

type Q = Db | Tx;

export function listMailboxRows(q: Q): Promise<MailMailboxRow[]> {
  return q.selectFrom('mail_mailboxes').selectAll().orderBy('address').orderBy('id').execute();
}

export function findMailboxRow(q: Q, id: number): Promise<MailMailboxRow | undefined> {
  return q.selectFrom('mail_mailboxes').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Another mailbox reading the same source folder, if any. */
export function findMailboxBySource(q: Q, source: { host: string; port: number; username: string; folder: string }): Promise<{ id: number } | undefined> {
  return q
    .selectFrom('mail_mailboxes')
    .select('id')
    .where('host', '=', source.host)
    .where('port', '=', source.port)
    .where('username', '=', source.username)
    .where('folder', '=', source.folder)
    .executeTakeFirst();
}

export function insertMailbox(q: Q, row: Insertable<MailMailboxesTable>): Promise<MailMailboxRow> {
  return q.insertInto('mail_mailboxes').values(row).returningAll().executeTakeFirstOrThrow();
}

/** Writes an admin's change guarded by the version they read; false when someone else saved first. */
export async function updateMailboxAtVersion(tx: Tx, id: number, version: number, changes: Updateable<MailMailboxesTable>): Promise<boolean> {
  const result = await tx
    .updateTable('mail_mailboxes')
    .set({ ...changes, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function deleteMailboxRow(tx: Tx, id: number): Promise<boolean> {
  await tx.deleteFrom('mail_mailbox_failures').where('mailbox_id', '=', id).execute();
  const result = await tx.deleteFrom('mail_mailboxes').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Every configured desk address: each is a threading address for every mailbox's ingest. */
export async function mailboxAddresses(q: Q): Promise<string[]> {
  const rows = await q.selectFrom('mail_mailboxes').select('address').distinct().execute();
  return rows.map((r) => r.address);
}

export function enabledMailboxIds(q: Q): Promise<{ id: number }[]> {
  return q.selectFrom('mail_mailboxes').select('id').where('enabled', '=', 1).orderBy('id').execute();
}

/**
 * Takes (or keeps) the poll lease of an enabled mailbox: free, expired, or already ours.
 * One UPDATE with the condition in its WHERE, so two nodes racing for it cannot both win.
 */
export async function claimMailboxLease(q: Q, id: number, node: string, now: number, until: number): Promise<MailMailboxRow | undefined> {
  return q
    .updateTable('mail_mailboxes')
    .set({ lease_owner: node, lease_until: until })
    .where('id', '=', id)
    .where('enabled', '=', 1)
    .where((eb) => eb.or([eb('lease_owner', 'is', null), eb('lease_until', '<', now), eb('lease_owner', '=', node)]))
    .returningAll()
    .executeTakeFirst();
}

/** Extends our lease while the settings we run on are still current; false means stop polling. */
export async function renewMailboxLease(q: Q, id: number, node: string, version: number, until: number): Promise<boolean> {
  const result = await q
    .updateTable('mail_mailboxes')
    .set({ lease_until: until })
    .where('id', '=', id)
    .where('lease_owner', '=', node)
    .where('version', '=', version)
    .where('enabled', '=', 1)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Gives the lease up at once (until = null) or holds it until a retry time, so other nodes back off too. */
export async function releaseMailboxLease(q: Q, id: number, node: string, holdUntil: number | null): Promise<void> {
  await q
    .updateTable('mail_mailboxes')
    .set(holdUntil === null ? { lease_owner: null, lease_until: null } : { lease_until: holdUntil })
    .where('id', '=', id)
    .where('lease_owner', '=', node)
    .execute();
}

/** The status read-out after a poll (or a failed connection). */
export async function recordMailboxStatus(
  q: Q,
  id: number,
  status: { now: number; error: string | null; uidValidity?: number; lastUid?: number | null; filed?: number },
): Promise<void> {
  await q
    .updateTable('mail_mailboxes')
    .set((eb) => ({
      last_poll_at: status.now,
      last_error: status.error === null ? null : status.error.slice(0, 1000),
      ...(status.uidValidity !== undefined ? { last_uid_validity: status.uidValidity } : {}),
      ...(status.lastUid !== undefined ? { last_uid: status.lastUid } : {}),
      ...(status.filed ? { filed_count: eb('filed_count', '+', status.filed) } : {}),
    }))
    .where('id', '=', id)
    .execute();
}

/** Counts one more failed ingest of a message and returns the count so far. */
export async function countIngestFailure(db: Db, key: { mailboxId: number; uidValidity: number; uid: number }, error: string, now: number): Promise<number> {
  const row = await db
    .insertInto('mail_mailbox_failures')
    .values({ mailbox_id: key.mailboxId, uid_validity: key.uidValidity, uid: key.uid, attempts: 1, last_error: error.slice(0, 1000), updated_at: now })
    .onConflict((oc) =>
      oc
        .columns(['mailbox_id', 'uid_validity', 'uid'])
        .doUpdateSet((eb) => ({ attempts: eb('mail_mailbox_failures.attempts', '+', 1), last_error: error.slice(0, 1000), updated_at: now })),
    )
    .returning('attempts')
    .executeTakeFirstOrThrow();
  return row.attempts;
}

export async function clearIngestFailure(q: Q, key: { mailboxId: number; uidValidity: number; uid: number }): Promise<void> {
  await q
    .deleteFrom('mail_mailbox_failures')
    .where('mailbox_id', '=', key.mailboxId)
    .where('uid_validity', '=', key.uidValidity)
    .where('uid', '=', key.uid)
    .execute();
}

/** After a UIDVALIDITY change the old UIDs name nothing any more. */
export async function forgetOtherUidValidities(q: Q, mailboxId: number, uidValidity: number): Promise<void> {
  await q.deleteFrom('mail_mailbox_failures').where('mailbox_id', '=', mailboxId).where('uid_validity', '!=', uidValidity).execute();
}
