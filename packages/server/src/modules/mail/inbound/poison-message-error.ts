/** Why a message could not be parsed at all; the ingester counts attempts and quarantines. */
export type PoisonReason =
  | 'too-large'
  | 'too-deep'
  | 'too-many-parts'
  | 'header-too-large'
  | 'timeout'
  | 'malformed';

/** Raised when a raw message is refused by the limits or cannot be parsed in time. */
export class PoisonMessageError extends Error {
  override readonly name = 'PoisonMessageError';

  constructor(
    readonly reason: PoisonReason,
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(`${reason}: ${detail}`, options);
  }
}

/** True when the error is a refusal of the message itself, not a fault of the process. */
export function isPoisonMessageError(error: unknown): error is PoisonMessageError {
  return error instanceof PoisonMessageError;
}
