/**
 * Typed directory failures. Messages are written here, never passed through from a library
 * unscrubbed, so neither the service account's password nor a new user password can reach a
 * log line, a problem+json body or an audit entry through an error.
 */

export type DirectoryErrorKind =
  | 'connection'
  | 'auth'
  | 'not_found'
  | 'ambiguous'
  | 'timeout'
  | 'unknown_outcome'
  | 'rejected';

export class DirectoryError extends Error {
  constructor(
    readonly kind: DirectoryErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'DirectoryError';
  }
}

/** The directory could not be reached, or TLS could not be set up. */
export class DirectoryConnectionError extends DirectoryError {
  constructor(message: string) {
    super('connection', message);
    this.name = 'DirectoryConnectionError';
  }
}

/** The service account's bind was refused. */
export class DirectoryAuthError extends DirectoryError {
  constructor(message: string) {
    super('auth', message);
    this.name = 'DirectoryAuthError';
  }
}

export class DirectoryNotFoundError extends DirectoryError {
  constructor(message: string) {
    super('not_found', message);
    this.name = 'DirectoryNotFoundError';
  }
}

/** An id matched more than one entry: nothing is written to either. */
export class DirectoryAmbiguousError extends DirectoryError {
  constructor(message: string) {
    super('ambiguous', message);
    this.name = 'DirectoryAmbiguousError';
  }
}

/** A read (or a step before a write was sent) ran out of time: nothing was changed. */
export class DirectoryTimeoutError extends DirectoryError {
  constructor(message: string) {
    super('timeout', message);
    this.name = 'DirectoryTimeoutError';
  }
}

/**
 * A write was sent and no reply came back. `readBack` says what the one read-back found:
 * `not_observed` (the change is not there now), `failed` (the read-back itself failed).
 */
export class DirectoryOutcomeUnknownError extends DirectoryError {
  constructor(
    message: string,
    readonly readBack: 'not_attempted' | 'not_observed' | 'failed' = 'not_attempted',
  ) {
    super('unknown_outcome', message);
    this.name = 'DirectoryOutcomeUnknownError';
  }
}

/** The directory answered and refused: access rights, policy, schema. */
export class DirectoryRejectedError extends DirectoryError {
  constructor(
    message: string,
    readonly resultCode: number | null = null,
  ) {
    super('rejected', message);
    this.name = 'DirectoryRejectedError';
  }
}

/** Replaces every occurrence of each secret in text; used on any text that came from elsewhere. */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length > 0) out = out.split(secret).join('[redacted]');
  }
  return out;
}
