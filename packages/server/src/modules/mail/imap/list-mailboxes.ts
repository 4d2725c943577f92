import type { MailMailbox } from '@deskside/shared';
import type { Db } from '../../../db/connect.js';
import { notFound } from '../../../errors.js';
import { findMailboxRow, listMailboxRows } from './mailboxes-repo.js';
import { presentMailbox } from './present-mailbox.js';

/** The configured mailboxes with their status, by address. */
export async function listMailboxes(db: Db, now: number): Promise<MailMailbox[]> {
  return (await listMailboxRows(db)).map((row) => presentMailbox(row, now));
}

/** One mailbox with its status. */
export async function getMailbox(db: Db, id: number, now: number): Promise<MailMailbox> {
  const row = await findMailboxRow(db, id);
  if (!row) throw notFound('mailbox');
  return presentMailbox(row, now);
}
