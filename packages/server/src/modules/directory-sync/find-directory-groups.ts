import { sql } from 'kysely';
import type { DirectoryGroupsQuery, DirectoryGroupView } from '@deskside/shared';
import type { Db, Tx } from '../../db/connect.js';
import { findDirectoryConnection } from './connections-repo.js';

/** A group as each person of record lists it (directory_people.groups). */
interface PersonGroup {
  id: string;
  name: string;
  nested: boolean;
}

/** What the people of record say about one group. */
export interface KnownGroup {
  id: string;
  name: string;
  /** Immutable ids of the people of record who are direct members. */
  directMemberIds: string[];
  /**
   * Groups every direct member is also in: nesting puts every member of a group into all its
   * parents, so the group's parents are among these (never missing one). Null when no person of
   * record is a direct member, so nothing can be said.
   */
  sharedByDirectMembers: string[] | null;
}

const likeEscape = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * One group, from the people of record who belong to it; null when nobody synced belongs to it
 * (the desk then does not know the group). Exact ids only: the LIKE is a prefilter, the JSON decides.
 */
export async function findKnownGroup(q: Db | Tx, groupId: string): Promise<KnownGroup | null> {
  const connection = await findDirectoryConnection(q);
  if (!connection) return null;
  const pattern = `%${likeEscape(`"id":${JSON.stringify(groupId)}`)}%`;
  const rows = await q
    .selectFrom('directory_people')
    .select(['immutable_id', 'groups'])
    .where('connection_id', '=', connection.id)
    .where('gone_at', 'is', null)
    .where(sql<boolean>`groups like ${pattern} escape '\\'`)
    .execute();
  let name: string | null = null;
  const directMemberIds: string[] = [];
  const memberGroupSets: Set<string>[] = [];
  for (const row of rows) {
    const groups = JSON.parse(row.groups) as PersonGroup[];
    const group = groups.find((g) => g.id === groupId);
    if (!group) continue;
    name ??= group.name;
    if (group.nested) continue;
    directMemberIds.push(row.immutable_id);
    memberGroupSets.push(new Set(groups.filter((g) => g.id !== groupId).map((g) => g.id)));
  }
  if (name === null) return null;
  const [first, ...rest] = memberGroupSets;
  const shared = first ? [...first].filter((id) => rest.every((set) => set.has(id))) : null;
  return { id: groupId, name, directMemberIds, sharedByDirectMembers: shared };
}

/**
 * Groups of the people of record whose name contains `q` (case-insensitive), by name, or the one
 * with id `id`. Read from the synced people rather than the directory: picking a group never
 * waits on the directory.
 */
export async function searchDirectoryGroups(db: Db, query: DirectoryGroupsQuery): Promise<DirectoryGroupView[]> {
  if (query.id !== undefined) {
    const known = await findKnownGroup(db, query.id);
    return known ? [{ id: known.id, name: known.name, directMembers: known.directMemberIds.length }] : [];
  }
  const connection = await findDirectoryConnection(db);
  if (!connection) return [];
  let select = db.selectFrom('directory_people').select('groups').where('connection_id', '=', connection.id).where('gone_at', 'is', null);
  const text = query.q?.trim().toLowerCase();
  if (text) select = select.where(sql<boolean>`lower(groups) like ${`%${likeEscape(text)}%`} escape '\\'`);
  const found = new Map<string, DirectoryGroupView>();
  for (const row of await select.execute()) {
    for (const g of JSON.parse(row.groups) as PersonGroup[]) {
      if (text && !g.name.toLowerCase().includes(text)) continue;
      const seen = found.get(g.id) ?? { id: g.id, name: g.name, directMembers: 0 };
      if (!g.nested) seen.directMembers += 1;
      found.set(g.id, seen);
    }
  }
  return [...found.values()].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id)).slice(0, query.limit);
}
