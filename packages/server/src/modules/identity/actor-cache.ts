import type { Actor } from './actor.js';

/**
 * Bearer-token actors, remembered for a few seconds. Resolving a token took three
 * queries on every API call (token, person, groups); an integration posting hundreds
 * of tickets a second re-read the same rows each time. A revocation or membership
 * change made on this node forgets at once; one made on another node is seen here
 * within TTL_MS (decision 0013).
 */
const TTL_MS = 5_000;
const MAX_ENTRIES = 1_000;

interface Entry {
  actor: Actor;
  tokenId: number;
  expiresAt: number;
}

const entries = new Map<string, Entry>();
// Bumped by every forget: a lookup that started before a change committed must not cache what it read.
let generation = 0;

/** Take before reading a token's person; pass to rememberActor. */
export function cacheGeneration(): number {
  return generation;
}

/** The actor for a token hash, if resolved less than TTL_MS ago. */
export function cachedActor(tokenHash: string, now: number): Actor | undefined {
  const entry = entries.get(tokenHash);
  if (!entry) return undefined;
  if (entry.expiresAt > now) return entry.actor;
  entries.delete(tokenHash);
  return undefined;
}

export function rememberActor(tokenHash: string, tokenId: number, actor: Actor, now: number, readAt: number): void {
  if (readAt !== generation) return;
  if (entries.size >= MAX_ENTRIES) entries.clear();
  entries.set(tokenHash, { actor, tokenId, expiresAt: now + TTL_MS });
}

/** Forgets one token (revoked) or, with no id, every cached actor (a person's rights changed). */
export function forgetActors(tokenId?: number): void {
  generation++;
  if (tokenId === undefined) {
    entries.clear();
    return;
  }
  for (const [hash, entry] of entries) if (entry.tokenId === tokenId) entries.delete(hash);
}
