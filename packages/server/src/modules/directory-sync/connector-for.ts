import type { LdapConnectionBody } from '@deskside/shared';
import type { Logger } from 'pino';
import type { DirectoryConnectionRow } from '../../db/types.js';
import { createLdapConnector, type DirectoryConnector, type LdapConnectionConfigInput } from '../directory/index.js';
import { secretBox } from '../identity/index.js';

/** The associated data the bind password is sealed with: a sealed value moved elsewhere does not open. */
export const BIND_PASSWORD_CONTEXT = 'directory_connections.bind_password';

/** The stored LDAP settings (without the password) as the connector's configuration input. */
export function ldapConfigInput(settings: Omit<LdapConnectionBody, 'bindPassword'>, bindPassword: string): LdapConnectionConfigInput {
  const attributes = Object.fromEntries(Object.entries(settings.attributes).filter(([, v]) => v !== undefined));
  return {
    url: settings.url,
    ...(settings.startTls === undefined ? {} : { startTls: settings.startTls }),
    allowInsecure: settings.allowInsecure,
    ...(settings.caCertificate ? { caCertificate: settings.caCertificate } : {}),
    ...(settings.tlsServerName ? { tlsServerName: settings.tlsServerName } : {}),
    bindDn: settings.bindDn,
    bindPassword,
    peopleBaseDn: settings.peopleBaseDn,
    groupsBaseDn: settings.groupsBaseDn,
    dialect: settings.dialect,
    attributes,
    privilegedGroupIds: settings.privilegedGroupIds,
    lockoutDurationSeconds: settings.lockoutDurationSeconds,
    pageSize: settings.pageSize,
  };
}

/** The stored LDAP settings of a connection row. */
export function storedLdapSettings(row: DirectoryConnectionRow): Omit<LdapConnectionBody, 'bindPassword'> | null {
  if (row.kind !== 'ldap') return null;
  return JSON.parse(row.config) as Omit<LdapConnectionBody, 'bindPassword'>;
}

/** A connector for the stored connection; null for a manual directory, which has nothing to read. */
export function connectorFor(row: DirectoryConnectionRow, secretKey: string | undefined, log: Logger): DirectoryConnector | null {
  const settings = storedLdapSettings(row);
  if (!settings || row.bind_password === null) return null;
  const password = secretBox(secretKey).open(row.bind_password, BIND_PASSWORD_CONTEXT);
  return createLdapConnector(ldapConfigInput(settings, password), { log: log.child({ module: 'directory' }) });
}
