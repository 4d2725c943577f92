import type { DirectoryWriteResult } from './directory-connector.js';
import { DirectoryError, DirectoryOutcomeUnknownError } from './directory-errors.js';

/**
 * Runs a write; when its reply is lost (a timeout or a dropped connection after it was sent),
 * reads the directory back once on a fresh connection. Seen applied: success, marked
 * reconciled, and the write is not sent again. Not seen, or the read-back failed: the outcome
 * stays unknown, with what the read-back found, for the caller to reconcile later.
 */
export async function reconcileLostReply(
  write: () => Promise<DirectoryWriteResult>,
  applied: () => Promise<boolean>,
): Promise<DirectoryWriteResult> {
  try {
    return await write();
  } catch (error) {
    if (!(error instanceof DirectoryOutcomeUnknownError)) throw error;
    let seen: boolean;
    try {
      seen = await applied();
    } catch (readError) {
      const why = readError instanceof DirectoryError ? readError.message : 'read-back failed';
      throw new DirectoryOutcomeUnknownError(`${error.message}; the read-back failed too: ${why}`, 'failed');
    }
    if (seen) return { outcome: 'applied', reconciled: true };
    throw new DirectoryOutcomeUnknownError(`${error.message}; a read-back does not show the change`, 'not_observed');
  }
}
