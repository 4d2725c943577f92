import type { DirectoryPersonView } from '@deskside/shared';
import type { DirectoryPersonRow } from '../../db/types.js';

const iso = (ms: number) => new Date(ms).toISOString();

/** A person of record for staff; the row plus what the caller looked up (manager name, desk link). */
export function presentDirectoryPerson(row: DirectoryPersonRow, managerName: string | null, deskPersonId: number | null): DirectoryPersonView {
  return {
    immutableId: row.immutable_id,
    name: row.name,
    email: row.email,
    emailChangedAt: iso(row.email_changed_at),
    phoneOfRecord: row.phone,
    phoneChangedAt: iso(row.phone_changed_at),
    managerId: row.manager_immutable_id,
    managerName,
    disabled: row.disabled === 1,
    locked: row.locked === 1,
    privileged: row.privileged === 1,
    groups: JSON.parse(row.groups) as DirectoryPersonView['groups'],
    gone: row.gone_at !== null,
    deskPersonId,
    lastSyncedAt: iso(row.last_synced_at),
  };
}
