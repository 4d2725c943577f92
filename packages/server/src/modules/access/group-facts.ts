import type { AccessAction, GroupFacts } from '@deskside/shared';
import type { Tx } from '../../db/connect.js';
import { findDirectoryConnection, storedLdapSettings } from '../directory-sync/index.js';

/**
 * What the directory connection says about the group a membership action touches: a group
 * the connection names as privileged (its admin groups) is a directory admin group. Null for
 * other actions. tierOfRequest judges a membership action without facts as privileged.
 */
export async function groupFactsFor(tx: Tx, action: AccessAction): Promise<GroupFacts | null> {
  if (action.type !== 'add_group_member' && action.type !== 'remove_group_member') return null;
  const connection = await findDirectoryConnection(tx);
  // A manual directory names no admin groups of its own: the access policy's privileged groups decide (decision 0043).
  if (connection?.kind === 'manual') return { groupId: action.groupId, directoryAdminGroup: false };
  const settings = connection ? storedLdapSettings(connection) : null;
  if (!settings) return null;
  return { groupId: action.groupId, directoryAdminGroup: settings.privilegedGroupIds.includes(action.groupId) };
}
