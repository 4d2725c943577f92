import { ResultCodeError } from 'ldapts';
import {
  DirectoryAuthError,
  DirectoryConnectionError,
  DirectoryError,
  DirectoryNotFoundError,
  DirectoryOutcomeUnknownError,
  DirectoryRejectedError,
  DirectoryTimeoutError,
  scrubSecrets,
} from './directory-errors.js';

/** Where in a session an error happened: it decides whether a write may have been applied. */
export type LdapPhase = 'connect' | 'bind' | 'read' | 'write';

const INVALID_CREDENTIALS = 49;
const NO_SUCH_OBJECT = 32;
const TIME_LIMIT_EXCEEDED = 3;
const BUSY = 51;
const UNAVAILABLE = 52;

/**
 * Turns whatever ldapts threw into a typed DirectoryError. A result code means the server
 * answered, so the outcome is known; a dropped connection or a timeout during a write means it
 * is not. Text from the library or the server is scrubbed of every secret in play.
 */
export function translateLdapError(error: unknown, phase: LdapPhase, what: string, secrets: readonly string[]): DirectoryError {
  if (error instanceof DirectoryError) return error;
  const raw = error instanceof Error ? error.message : String(error);
  const detail = scrubSecrets(raw.split('\n')[0] ?? '', secrets);
  if (error instanceof ResultCodeError) {
    if (error.code === INVALID_CREDENTIALS && phase === 'bind') {
      return new DirectoryAuthError(`${what}: the directory refused the service account's credentials`);
    }
    if (error.code === NO_SUCH_OBJECT) return new DirectoryNotFoundError(`${what}: no such entry (${detail})`);
    if (error.code === TIME_LIMIT_EXCEEDED) return new DirectoryTimeoutError(`${what}: the directory's time limit was exceeded`);
    if (error.code === BUSY || error.code === UNAVAILABLE) {
      // The server declined to process the operation at all: nothing changed.
      return new DirectoryConnectionError(`${what}: the directory is busy or unavailable (${detail})`);
    }
    return new DirectoryRejectedError(`${what}: the directory refused (result ${error.code}: ${detail})`, error.code);
  }
  if (phase === 'write') {
    return new DirectoryOutcomeUnknownError(`${what}: sent, but no reply came back (${detail})`);
  }
  if (/timed? ?out/i.test(raw)) return new DirectoryTimeoutError(`${what}: timed out (${detail})`);
  return new DirectoryConnectionError(`${what}: ${detail || 'connection failed'}`);
}
