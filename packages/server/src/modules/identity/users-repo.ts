import { PostgresAdapter, type Updateable } from 'kysely';
import type { Db, Tx } from '../../db/connect.js';
import type { NewUserRow, UserRow, UsersTable } from '../../db/types.js';

type Q = Db | Tx;

export async function findUserByEmail(q: Q, email: string): Promise<UserRow | undefined> {
  return q.selectFrom('users').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
}

export async function findUserById(q: Q, id: number): Promise<UserRow | undefined> {
  return q.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertUser(q: Q, row: NewUserRow): Promise<UserRow> {
  return q.insertInto('users').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function groupIdsOf(q: Q, userId: number): Promise<number[]> {
  const rows = await q.selectFrom('group_members').select('group_id').where('user_id', '=', userId).execute();
  return rows.map((r) => r.group_id).sort((a, b) => a - b);
}

export async function groupIdsByUser(q: Q, userIds: number[]): Promise<Map<number, number[]>> {
  const map = new Map<number, number[]>();
  if (userIds.length === 0) return map;
  const rows = await q.selectFrom('group_members').selectAll().where('user_id', 'in', userIds).execute();
  for (const r of rows) map.set(r.user_id, [...(map.get(r.user_id) ?? []), r.group_id]);
  return map;
}

export async function countUsers(q: Q): Promise<number> {
  const row = await q.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Who is active: the default, 'inactive' (deactivated only) or 'any'. */
export type PersonStatus = 'active' | 'inactive' | 'any';

export async function searchUsers(q: Q, opts: { text?: string; role?: UserRow['role']; status?: PersonStatus; limit: number }) {
  let query = q.selectFrom('users').selectAll();
  const status = opts.status ?? 'active';
  if (status === 'active') query = query.where('disabled_at', 'is', null);
  if (status === 'inactive') query = query.where('disabled_at', 'is not', null);
  if (opts.role) query = query.where('role', '=', opts.role);
  if (opts.text) {
    const like = `%${opts.text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) =>
      eb.or([eb(eb.fn('lower', ['name']), 'like', like), eb('email', 'like', like)]),
    );
  }
  return query.orderBy('name').limit(opts.limit).execute();
}

/** Applies an admin's change if the person is still at the version read; false when someone saved first. */
export async function updateUserAtVersion(q: Q, id: number, version: number, changes: Updateable<UsersTable>): Promise<boolean> {
  const result = await q
    .updateTable('users')
    .set({ ...changes, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * The ids of the active admins. On PostgreSQL their rows are locked, so two admins
 * demoting each other at once take turns and the second sees that only one is left;
 * SQLite runs one write transaction at a time anyway.
 */
export async function lockActiveAdminIds(tx: Tx): Promise<number[]> {
  const query = tx.selectFrom('users').select('id').where('role', '=', 'admin').where('disabled_at', 'is', null);
  const rows = tx.getExecutor().adapter instanceof PostgresAdapter ? await query.forUpdate().execute() : await query.execute();
  return rows.map((r) => r.id);
}

/** Makes the person's groups exactly `groupIds`; returns the groups added and removed. */
export async function replaceGroupsOf(q: Q, userId: number, groupIds: number[]): Promise<{ added: number[]; removed: number[] }> {
  const current = await groupIdsOf(q, userId);
  const added = groupIds.filter((g) => !current.includes(g));
  const removed = current.filter((g) => !groupIds.includes(g));
  if (removed.length > 0) await q.deleteFrom('group_members').where('user_id', '=', userId).where('group_id', 'in', removed).execute();
  if (added.length > 0) await q.insertInto('group_members').values(added.map((g) => ({ group_id: g, user_id: userId }))).execute();
  return { added, removed };
}
