import { DomainError } from '../errors.js';
/** A write refused by a UNIQUE or PRIMARY KEY constraint, in either dialect. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/**
 * Runs a transaction again when it lost a race another transaction won: a unique key taken
 * meanwhile, or a use case's 409/412 (a row changed under it). Each run starts afresh and
 * sees the winner's commit, so the retry decides on what is now true. For callers with
 * nobody to answer a 409 to at once (mail ingest: its sender would only retry minutes later).
 */
export async function retryLostRaces<T>(run: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await run();
    } catch (error) {
      const lostRace = isUniqueViolation(error) || (error instanceof DomainError && (error.status === 409 || error.status === 412));
      if (!lostRace || attempt >= attempts) throw error;
    }
  }
}
