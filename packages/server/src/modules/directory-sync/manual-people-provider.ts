import type { Db, Tx } from '../../db/connect.js';
import type { DirectoryPersonRow } from '../../db/types.js';
import type { DirectoryPerson, ManualPeopleProvider } from '../directory/index.js';
import { findKnownGroup } from './find-directory-groups.js';

/** A row of directory_people as the connector interface names a person. */
export function personOfRecord(row: DirectoryPersonRow): DirectoryPerson {
  const groups = JSON.parse(row.groups) as { id: string; name: string; nested: boolean }[];
  return {
    immutableId: row.immutable_id,
    dn: row.dn,
    name: row.name,
    email: row.email,
    phoneOfRecord: row.phone,
    managerId: row.manager_immutable_id,
    groups: groups.map((g) => ({ immutableId: g.id, name: g.name, direct: !g.nested })),
    disabled: row.disabled === 1,
    locked: row.locked === 1,
    privileged: row.privileged === 1,
    entryModifiedAt: row.entry_modified_at,
    contactChangedAt: { email: null, phoneOfRecord: null },
  };
}

/**
 * The people of a manual directory: the desk's own people of record for that connection
 * (decision 0043), entered by admins. Gone people are not listed and cannot be acted on.
 */
export function manualPeopleProvider(q: Db | Tx, connectionId: number): ManualPeopleProvider {
  return {
    async listPeople() {
      const rows = await q.selectFrom('directory_people').selectAll().where('connection_id', '=', connectionId).where('gone_at', 'is', null).orderBy('id').execute();
      return rows.map(personOfRecord);
    },
    async getPerson(immutableId) {
      const row = await q
        .selectFrom('directory_people')
        .selectAll()
        .where('connection_id', '=', connectionId)
        .where('immutable_id', '=', immutableId)
        .where('gone_at', 'is', null)
        .executeTakeFirst();
      return row ? personOfRecord(row) : null;
    },
    async groupName(groupId) {
      return (await findKnownGroup(q, groupId))?.name ?? null;
    },
  };
}
