import type { AccessAction, GroupFacts } from '@deskside/shared';
import type { DirectoryPersonRow } from '../../db/types.js';
import { conflict, invalid } from '../../errors.js';
import { findDirectoryConnection, findKnownGroup, storedLdapSettings } from '../directory-sync/index.js';
import type { AccessContext } from './access-writes.js';
import { groupFactsFor } from './group-facts.js';
import { activeGrantOf } from './timed-memberships-repo.js';

const DAY = 24 * 60 * 60 * 1000;
/**
 * The longest a time-bound membership may run. A grant for cover or a project ends within a
 * quarter; anything longer is a standing membership for the group owner's access review, and a
 * far-off date is more often a typo (2062 for 2026) than a plan.
 */
export const MAX_TIMED_MEMBERSHIP_DAYS = 90;

/**
 * Checks a membership action when it is opened, from the people of record (no directory call
 * inside the transaction): the group must be one the desk knows (someone synced belongs to it),
 * an expiry must lie ahead and within MAX_TIMED_MEMBERSHIP_DAYS, a removal needs a direct
 * membership, and an add needs there to be something to add. Returns the group's facts for the
 * tier, privileged when the group sits inside a privileged group (for other actions: the plain facts).
 */
export async function checkGroupAction(
  c: AccessContext,
  action: AccessAction,
  target: DirectoryPersonRow,
  privilegedGroupIds: readonly string[],
): Promise<GroupFacts | null> {
  const facts = await groupFactsFor(c.tx, action);
  if (action.type !== 'add_group_member' && action.type !== 'remove_group_member') return facts;

  const group = await findKnownGroup(c.tx, action.groupId);
  if (!group) {
    throw invalid('action.groupId', 'names no directory group the desk knows: no person of record belongs to it. Pick the group from the directory list (sync the directory first if it is new)');
  }
  if (action.type === 'add_group_member' && action.expiresAt !== null) {
    if (action.expiresAt <= c.now) throw invalid('action.expiresAt', 'must be in the future');
    if (action.expiresAt > c.now + MAX_TIMED_MEMBERSHIP_DAYS * DAY) {
      throw invalid('action.expiresAt', `must be within ${MAX_TIMED_MEMBERSHIP_DAYS} days; a longer membership is a lasting one (leave the date empty)`);
    }
  }

  const mine = (JSON.parse(target.groups) as { id: string; nested: boolean }[]).find((g) => g.id === group.id);
  if (action.type === 'remove_group_member') {
    if (!mine) throw conflict(`${target.name} is not a member of "${group.name}" (as of the last directory sync); there is nothing to remove`);
    if (mine.nested) {
      throw conflict(`${target.name} is in "${group.name}" only through another group; remove them from that group instead (the desk removes direct memberships only)`);
    }
  } else if (mine && !mine.nested && !(await activeGrantOf(c.tx, target.immutable_id, group.id))) {
    // A time-bound grant of the desk may be extended or made lasting; anything else is already there.
    throw conflict(`${target.name} is already a direct member of "${group.name}"; there is nothing to add`);
  }

  // Members of a group nested in a privileged group are privileged: adding to it is privileged too.
  // Unknown parents (no direct member of record) count as the worse case, as missing facts do.
  if (!facts) return null;
  const connection = await findDirectoryConnection(c.tx);
  const privileged = new Set([...privilegedGroupIds, ...((connection && storedLdapSettings(connection)?.privilegedGroupIds) ?? [])]);
  const insidePrivileged = group.sharedByDirectMembers === null || group.sharedByDirectMembers.some((id) => privileged.has(id));
  return { groupId: facts.groupId, directoryAdminGroup: facts.directoryAdminGroup || insidePrivileged };
}
