import type { AccessAction } from '@deskside/shared';
import type { Db, Tx } from '../../db/connect.js';
import { findKnownGroup } from '../directory-sync/index.js';

export type GroupAction = Extract<AccessAction, { type: 'add_group_member' | 'remove_group_member' }>;

/** The membership action of a request; anything else here is a bug in the caller. */
export function groupActionOf(action: AccessAction): GroupAction {
  if (action.type !== 'add_group_member' && action.type !== 'remove_group_member') throw new Error(`${action.type} names no group`);
  return action;
}

/** A group as notices name it: its name of record when the desk knows one, and always its id. */
export async function groupLabel(q: Db | Tx, groupId: string): Promise<string> {
  const known = await findKnownGroup(q, groupId);
  return known ? `"${known.name}" (id ${groupId})` : `the group with id ${groupId}`;
}

/** An instant as notices write it, in UTC. */
export function utcWords(ms: number): string {
  return `${new Date(ms).toISOString().replace('T', ' ').slice(0, 16)} UTC`;
}
