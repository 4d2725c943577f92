import type { Tx } from '../../db/connect.js';
import { invalid } from '../../errors.js';
import { findDirectoryConnection, storedLdapSettings } from '../directory-sync/index.js';

/**
 * The group a pool grants its licence through, checked and named. A privileged group is
 * refused: assigning a seat is judged as a standard action, so a licence group must never be
 * a way into an admin group. The name comes from the synced people when one of them is in the
 * group already, else from what the admin typed.
 */
export async function checkedPoolGroup(tx: Tx, groupId: string | null, typedName: string | null | undefined): Promise<{ id: string; name: string | null } | null> {
  if (groupId === null) return null;
  const connection = await findDirectoryConnection(tx);
  const settings = connection ? storedLdapSettings(connection) : null;
  if (settings?.privilegedGroupIds.includes(groupId)) {
    throw invalid('groupId', 'is a privileged group of the directory connection; a licence pool cannot grant membership of it');
  }
  const member = await tx
    .selectFrom('directory_people')
    .select('groups')
    .where('groups', 'like', `%"id":${JSON.stringify(groupId)}%`)
    .where('gone_at', 'is', null)
    .executeTakeFirst();
  const synced = member ? (JSON.parse(member.groups) as { id: string; name: string; nested: boolean }[]).find((g) => g.id === groupId) : undefined;
  return { id: groupId, name: synced?.name ?? typedName ?? null };
}
