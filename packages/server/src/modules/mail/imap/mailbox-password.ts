import { secretBox } from '../../identity/index.js';

// Bound into the sealed value, so a password sealed for a mailbox opens only as one.
const CONTEXT = 'mail-mailbox:password';

/**
 * The mailbox password as stored: sealed with DESKSIDE_SECRET_KEY when the desk has one
 * (decision 0032's box), as it is otherwise. The poller must send it, so it cannot be hashed.
 */
export function sealMailboxPassword(secretKey: string | undefined, password: string): string {
  return secretBox(secretKey).seal(password, CONTEXT);
}

/** The row with its password opened, for the IMAP login and for scrubbing it from errors; throws when the key does not open it. */
export function withMailboxPassword<T extends { password: string }>(row: T, secretKey: string | undefined): T {
  return { ...row, password: secretBox(secretKey).open(row.password, CONTEXT) };
}
