import type { MailMailboxTestResult } from '@deskside/shared';
import type { MailMailboxRow } from '../../../db/types.js';
import { closeImapClient, describeImapError, imapClientFor } from './imap-connection.js';
import { withMailboxPassword } from './mailbox-password.js';

/** Logs in with the stored settings and looks at the folder without selecting it: nothing is read or flagged. */
export async function testMailboxConnection(stored: MailMailboxRow, secretKey?: string): Promise<MailMailboxTestResult> {
  let row: MailMailboxRow;
  try {
    row = withMailboxPassword(stored, secretKey);
  } catch (error) {
    return { ok: false, error: (error as Error).message, messages: null, uidValidity: null, idle: null, moveToExists: null };
  }
  const client = imapClientFor(row, { connectMs: 10_000, socketMs: 20_000 });
  try {
    await client.connect();
    const status = await client.status(row.folder, { messages: true, uidValidity: true });
    let moveToExists: boolean | null = null;
    if (row.after_filing === 'move' && row.move_to) {
      const folders = await client.list();
      moveToExists = folders.some((f) => f.path === row.move_to);
    }
    return {
      ok: true,
      error: null,
      messages: status ? (status.messages ?? null) : null,
      uidValidity: status && status.uidValidity !== undefined ? String(status.uidValidity) : null,
      idle: client.capabilities.has('IDLE'),
      moveToExists,
    };
  } catch (error) {
    return { ok: false, error: describeImapError(error, row), messages: null, uidValidity: null, idle: null, moveToExists: null };
  } finally {
    await closeImapClient(client);
  }
}
