import type { Db, Tx } from '../../db/connect.js';
import type { GroupRow } from '../../db/types.js';
import { forgetActors } from './actor-cache.js';

type Q = Db | Tx;

export async function listGroups(q: Q): Promise<(GroupRow & { memberIds: number[] })[]> {
  const groups = await q.selectFrom('groups').selectAll().orderBy('tier').orderBy('name').execute();
  const members = await q.selectFrom('group_members').selectAll().execute();
  return groups.map((g) => ({
    ...g,
    memberIds: members.filter((m) => m.group_id === g.id).map((m) => m.user_id),
  }));
}

export async function findGroup(q: Q, id: number): Promise<GroupRow | undefined> {
  return q.selectFrom('groups').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findGroupByName(q: Q, name: string): Promise<GroupRow | undefined> {
  return q.selectFrom('groups').selectAll().where('name', '=', name).executeTakeFirst();
}

/** The first-line group new tickets land in when nobody chose one: the lowest tier, then the oldest. */
export async function defaultIntakeGroup(q: Q): Promise<GroupRow | undefined> {
  return q.selectFrom('groups').selectAll().orderBy('tier').orderBy('id').limit(1).executeTakeFirst();
}

export async function insertGroup(q: Q, row: { name: string; tier: number; description?: string | null; now: number }) {
  return q
    .insertInto('groups')
    .values({ name: row.name, tier: row.tier, description: row.description ?? null, created_at: row.now })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function addMember(q: Q, groupId: number, userId: number): Promise<void> {
  await q
    .insertInto('group_members')
    .values({ group_id: groupId, user_id: userId })
    .onConflict((oc) => oc.columns(['group_id', 'user_id']).doNothing())
    .execute();
  // A token's actor carries its groups: a cached one would act without the new membership.
  forgetActors();
}

export async function isMember(q: Q, groupId: number, userId: number): Promise<boolean> {
  const row = await q
    .selectFrom('group_members')
    .select('user_id')
    .where('group_id', '=', groupId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row !== undefined;
}
