import type { CreateMailMailboxBody, MailMailbox } from '@deskside/shared';
import type { Tx } from '../../../db/connect.js';
import { conflict } from '../../../errors.js';
import { sealMailboxPassword } from './mailbox-password.js';
import { checkMailboxSettings } from './mailbox-rules.js';
import { findMailboxBySource, insertMailbox } from './mailboxes-repo.js';
import { presentMailbox } from './present-mailbox.js';

/** Adds a mailbox for the workers to poll; the password is stored for logging in and never shown again. */
export async function createMailbox(tx: Tx, input: CreateMailMailboxBody, now: number, secretKey?: string): Promise<MailMailbox> {
  checkMailboxSettings(input);
  if (await findMailboxBySource(tx, input)) throw conflict(`${input.username} at ${input.host}:${input.port}, folder ${input.folder}, is polled already`);
  const row = await insertMailbox(tx, {
    address: input.address,
    host: input.host,
    port: input.port,
    tls_mode: input.tlsMode,
    allow_insecure: input.allowInsecure ? 1 : 0,
    username: input.username,
    password: sealMailboxPassword(secretKey, input.password),
    folder: input.folder,
    after_filing: input.afterFiling,
    move_to: input.afterFiling === 'move' ? input.moveTo : null,
    enabled: input.enabled ? 1 : 0,
    version: 1,
    created_at: now,
    updated_at: now,
  });
  return presentMailbox(row, now);
}
