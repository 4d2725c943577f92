import type { MailMailbox, UpdateMailMailboxBody } from '@deskside/shared';
import type { Updateable } from 'kysely';
import type { Tx } from '../../../db/connect.js';
import type { MailMailboxesTable } from '../../../db/types.js';
import { conflict, invalid, notFound, staleVersion } from '../../../errors.js';
import { sealMailboxPassword } from './mailbox-password.js';
import { checkMailboxSettings } from './mailbox-rules.js';
import { findMailboxBySource, findMailboxRow, updateMailboxAtVersion } from './mailboxes-repo.js';
import { presentMailbox } from './present-mailbox.js';

/**
 * Changes a mailbox, guarded by the version the admin saw. The version moves, so the node
 * polling it loses its lease at the next renewal and the next session runs on the new settings.
 */
export async function updateMailbox(tx: Tx, id: number, input: UpdateMailMailboxBody, expectedVersion: number | undefined, now: number, secretKey?: string): Promise<MailMailbox> {
  const row = await findMailboxRow(tx, id);
  if (!row) throw notFound('mailbox');
  if (expectedVersion !== undefined && expectedVersion !== row.version) throw staleVersion(row.version, 'mailbox');
  const merged = {
    host: input.host ?? row.host,
    port: input.port ?? row.port,
    username: input.username ?? row.username,
    folder: input.folder ?? row.folder,
    tlsMode: input.tlsMode ?? row.tls_mode,
    allowInsecure: input.allowInsecure ?? row.allow_insecure === 1,
    afterFiling: input.afterFiling ?? row.after_filing,
    moveTo: input.moveTo !== undefined ? input.moveTo : row.move_to,
  };
  checkMailboxSettings(merged);
  // The stored password goes only where it went before: a new server or account needs it typed again.
  const movesAccount = merged.host.toLowerCase() !== row.host.toLowerCase() || merged.username !== row.username;
  if (movesAccount && input.password === undefined) throw invalid('password', 'enter the password again: the server or the username changed');
  const other = await findMailboxBySource(tx, merged);
  if (other && other.id !== id) throw conflict(`${merged.username} at ${merged.host}:${merged.port}, folder ${merged.folder}, is polled already`);

  const changes: Updateable<MailMailboxesTable> = { updated_at: now };
  if (input.address !== undefined) changes.address = input.address;
  if (input.host !== undefined) changes.host = input.host;
  if (input.port !== undefined) changes.port = input.port;
  if (input.tlsMode !== undefined) changes.tls_mode = input.tlsMode;
  if (input.allowInsecure !== undefined) changes.allow_insecure = input.allowInsecure ? 1 : 0;
  if (input.username !== undefined) changes.username = input.username;
  if (input.password !== undefined) changes.password = sealMailboxPassword(secretKey, input.password);
  if (input.folder !== undefined) changes.folder = input.folder;
  if (input.afterFiling !== undefined || input.moveTo !== undefined) changes.move_to = merged.afterFiling === 'move' ? merged.moveTo : null;
  if (input.afterFiling !== undefined) changes.after_filing = input.afterFiling;
  if (input.enabled !== undefined) changes.enabled = input.enabled ? 1 : 0;
  if (!(await updateMailboxAtVersion(tx, id, row.version, changes))) {
    throw staleVersion((await findMailboxRow(tx, id))?.version ?? row.version, 'mailbox');
  }
  return presentMailbox((await findMailboxRow(tx, id))!, now);
}
