import type { Tx } from '../../../db/connect.js';
import { notFound } from '../../../errors.js';
import { deleteMailboxRow } from './mailboxes-repo.js';

/** Removes a mailbox; the node polling it finds its lease gone at the next renewal and stops. Filed mail stays. */
export async function deleteMailbox(tx: Tx, id: number): Promise<void> {
  if (!(await deleteMailboxRow(tx, id))) throw notFound('mailbox');
}
