import type { Db, Tx } from '../../db/connect.js';
import type { NewUserRow, UserRow } from '../../db/types.js';

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

export async function searchUsers(q: Q, opts: { text?: string; role?: UserRow['role']; limit: number }) {
  let query = q.selectFrom('users').selectAll().where('disabled_at', 'is', null);
  if (opts.role) query = query.where('role', '=', opts.role);
  if (opts.text) {
    const like = `%${opts.text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) =>
      eb.or([eb(eb.fn('lower', ['name']), 'like', like), eb('email', 'like', like)]),
    );
  }
  return query.orderBy('name').limit(opts.limit).execute();
}
