import type { Person, UpdatePersonBody } from '@deskside/shared';
import type { Updateable } from 'kysely';
import type { Db, Tx } from '../../db/connect.js';
import type { UserRow, UsersTable } from '../../db/types.js';
import { conflict, invalid, notFound, staleVersion } from '../../errors.js';
import type { Actor } from './actor.js';
import { forgetActors } from './actor-cache.js';
import { revokeAllTokensOf } from './api-tokens.js';
import { findGroup } from './groups-repo.js';
import { appendPersonEvent } from './person-events-repo.js';
import { presentPerson } from './present-person.js';
import { closeAllSessionsOf } from './sessions.js';
import { findUserById, groupIdsOf, lockActiveAdminIds, replaceGroupsOf, updateUserAtVersion } from './users-repo.js';

export interface UpdatePersonInput {
  actor: Actor;
  id: number;
  changes: UpdatePersonBody;
  /** The version the admin saw (If-Match); undefined skips the check. */
  expectedVersion: number | undefined;
  now: number;
}

/**
 * An admin changes a person's name, role, groups, VIP flag, site or active state. The desk
 * always keeps an active admin, and nobody locks themselves out. Deactivating ends the
 * person's sessions and revokes their API tokens in the same transaction (decision 0021).
 */
export async function updatePerson(db: Db, input: UpdatePersonInput): Promise<Person> {
  const person = await db.transaction().execute((tx) => applyChanges(tx, input));
  // A cached token actor carries name, role and groups, and must stop at once when its owner is
  // deactivated; forgetting only after the commit means no request can re-cache the old rights.
  forgetActors();
  return person;
}

async function applyChanges(tx: Tx, { actor, id, changes, expectedVersion, now }: UpdatePersonInput): Promise<Person> {
  const row = await findUserById(tx, id);
  if (!row) throw notFound('person');
  if (expectedVersion !== undefined && expectedVersion !== row.version) throw staleVersion(row.version, 'person');
  await assertAdminsRemain(tx, actor, row, changes);
  const groupIds = changes.groupIds === undefined ? undefined : [...new Set(changes.groupIds)].sort((a, b) => a - b);
  for (const groupId of groupIds ?? []) {
    if (!(await findGroup(tx, groupId))) throw invalid('groupIds', `group ${groupId} does not exist`);
  }

  const record = (type: Parameters<typeof appendPersonEvent>[1]['type'], data: Record<string, unknown>) =>
    appendPersonEvent(tx, { personId: id, actorId: actor.id, type, data, now });
  const columns: Updateable<UsersTable> = {};
  const after: (() => Promise<void>)[] = [];
  if (changes.name !== undefined && changes.name !== row.name) {
    columns.name = changes.name;
    after.push(() => record('renamed', { from: row.name, to: changes.name }));
  }
  if (changes.role !== undefined && changes.role !== row.role) {
    columns.role = changes.role;
    after.push(() => record('role_changed', { from: row.role, to: changes.role }));
  }
  if (changes.vip !== undefined && changes.vip !== (row.vip === 1)) {
    columns.vip = changes.vip ? 1 : 0;
    after.push(() => record('vip_changed', { from: row.vip === 1, to: changes.vip }));
  }
  if (changes.site !== undefined && changes.site !== row.site) {
    columns.site = changes.site;
    after.push(() => record('site_changed', { from: row.site, to: changes.site }));
  }
  const wasActive = row.disabled_at === null;
  if (changes.active === false && wasActive) {
    columns.disabled_at = now;
    after.push(async () => {
      await closeAllSessionsOf(tx, id);
      await record('deactivated', { tokensRevoked: await revokeAllTokensOf(tx, id, now) });
    });
  }
  if (changes.active === true && !wasActive) {
    columns.disabled_at = null;
    after.push(() => record('reactivated', {}));
  }
  if (groupIds !== undefined) {
    after.push(async () => {
      const { added, removed } = await replaceGroupsOf(tx, id, groupIds);
      if (added.length > 0 || removed.length > 0) await record('groups_changed', { added, removed });
    });
  }

  const groupsChange = groupIds !== undefined && JSON.stringify(groupIds) !== JSON.stringify(await groupIdsOf(tx, id));
  if (Object.keys(columns).length === 0 && !groupsChange) return presentPerson(row, await groupIdsOf(tx, id));
  if (!(await updateUserAtVersion(tx, id, row.version, { ...columns, updated_at: now }))) {
    throw staleVersion((await findUserById(tx, id))?.version ?? row.version, 'person');
  }
  for (const step of after) await step();
  return presentPerson((await findUserById(tx, id))!, await groupIdsOf(tx, id));
}

/** Refuses a change that would take away the actor's own admin rights or the desk's last active admin. */
async function assertAdminsRemain(tx: Tx, actor: Actor, row: UserRow, changes: UpdatePersonBody): Promise<void> {
  const isActiveAdmin = row.role === 'admin' && row.disabled_at === null;
  const demoted = changes.role !== undefined && changes.role !== 'admin';
  const deactivated = changes.active === false;
  if (!isActiveAdmin || (!demoted && !deactivated)) return;
  if (actor.id === row.id) {
    throw conflict(
      deactivated
        ? 'You cannot deactivate yourself; another admin can'
        : 'You cannot take away your own admin role; another admin can',
    );
  }
  const others = (await lockActiveAdminIds(tx)).filter((adminId) => adminId !== row.id);
  if (others.length === 0) {
    throw conflict(`${row.name} is the last active admin; make someone else an admin first`);
  }
}
