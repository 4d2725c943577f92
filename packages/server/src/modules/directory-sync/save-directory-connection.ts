import type { DirectoryConnection, PutDirectoryConnectionBody } from '@deskside/shared';
import type { Tx } from '../../db/connect.js';
import { invalid, staleVersion } from '../../errors.js';
import { LdapConnectionConfig } from '../directory/index.js';
import { secretBox } from '../identity/index.js';
import { findDirectoryConnection, updateConnectionAtVersion } from './connections-repo.js';
import { BIND_PASSWORD_CONTEXT, ldapConfigInput, storedLdapSettings } from './connector-for.js';
import { getDirectoryConnection } from './get-directory-connection.js';

/**
 * Replaces the directory connection (creating it on the first save, version 0), guarded by the
 * version the admin saw. The bind password is write-only: left out, the stored one is kept —
 * but not when the server URL or the bind DN changes, so a changed form cannot send the stored
 * password to a new host.
 */
export async function saveDirectoryConnection(
  tx: Tx,
  input: PutDirectoryConnectionBody,
  expectedVersion: number | undefined,
  secretKey: string | undefined,
  now: number,
): Promise<DirectoryConnection> {
  const row = await findDirectoryConnection(tx);
  if (expectedVersion !== undefined && expectedVersion !== (row?.version ?? 0)) throw staleVersion(row?.version ?? 0, 'directory connection');

  let config = '{}';
  let sealedPassword: string | null = null;
  if (input.kind === 'ldap') {
    if (!input.ldap) throw invalid('ldap', 'is required when kind is "ldap"');
    const { bindPassword, ...settings } = input.ldap;
    const before = row ? storedLdapSettings(row) : null;
    const sameTarget = before !== null && before.url === settings.url && before.bindDn === settings.bindDn;
    const box = secretBox(secretKey);
    let password = bindPassword;
    if (password === undefined && sameTarget && row?.bind_password) password = box.open(row.bind_password, BIND_PASSWORD_CONTEXT);
    if (password === undefined) throw invalid('ldap.bindPassword', 'must be given for a new server URL or bind DN');
    const checked = LdapConnectionConfig.safeParse(ldapConfigInput(settings, password));
    if (!checked.success) {
      const issue = checked.error.issues[0]!;
      // The message is zod's or ours, never the value: the password cannot appear here.
      throw invalid(['ldap', ...issue.path.map(String)].join('.'), issue.message);
    }
    config = JSON.stringify(settings);
    sealedPassword = box.seal(password, BIND_PASSWORD_CONTEXT);
  }

  const values = { kind: input.kind, config, bind_password: sealedPassword, enabled: input.enabled ? 1 : 0, sync_interval_minutes: input.syncIntervalMinutes, updated_at: now };
  if (!row) {
    await tx.insertInto('directory_connections').values({ ...values, version: 1, created_at: now }).execute();
  } else if (!(await updateConnectionAtVersion(tx, row.id, row.version, values))) {
    throw staleVersion((await findDirectoryConnection(tx))?.version ?? row.version, 'directory connection');
  }
  return getDirectoryConnection(tx);
}
