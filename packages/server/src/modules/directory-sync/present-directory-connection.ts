import type { DirectoryConnection, DirectorySyncStatus } from '@deskside/shared';
import type { DirectoryConnectionRow } from '../../db/types.js';
import { storedLdapSettings } from './connector-for.js';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

const NEVER: DirectorySyncStatus = { state: 'never', startedAt: null, finishedAt: null, seen: 0, added: 0, updated: 0, disabled: 0, gone: 0, error: null };

/** The connection for admins: every setting but the bind password, of which only its presence is told. */
export function presentDirectoryConnection(row: DirectoryConnectionRow | undefined, peopleCount: number): DirectoryConnection {
  if (!row) {
    return { configured: false, kind: 'ldap', enabled: false, syncIntervalMinutes: 60, ldap: null, version: 0, updatedAt: null, lastSync: NEVER, peopleCount };
  }
  const ldap = storedLdapSettings(row);
  return {
    configured: true,
    kind: row.kind,
    enabled: row.enabled === 1,
    syncIntervalMinutes: row.sync_interval_minutes,
    ldap: ldap && {
      url: ldap.url,
      startTls: ldap.startTls ?? null,
      allowInsecure: ldap.allowInsecure,
      caCertificate: ldap.caCertificate,
      tlsServerName: ldap.tlsServerName,
      bindDn: ldap.bindDn,
      passwordSet: row.bind_password !== null,
      peopleBaseDn: ldap.peopleBaseDn,
      groupsBaseDn: ldap.groupsBaseDn,
      dialect: ldap.dialect,
      attributes: ldap.attributes,
      privilegedGroupIds: ldap.privilegedGroupIds,
      lockoutDurationSeconds: ldap.lockoutDurationSeconds,
      pageSize: ldap.pageSize,
    },
    version: row.version,
    updatedAt: iso(row.updated_at),
    lastSync:
      row.last_sync_status === null
        ? NEVER
        : {
            state: row.last_sync_status,
            startedAt: iso(row.last_sync_started_at),
            finishedAt: iso(row.last_sync_finished_at),
            seen: row.last_sync_seen,
            added: row.last_sync_added,
            updated: row.last_sync_updated,
            disabled: row.last_sync_disabled,
            gone: row.last_sync_gone,
            error: row.last_sync_error,
          },
    peopleCount,
  };
}
