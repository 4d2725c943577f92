import { tooManyRequests } from '../errors.js';

const WINDOW_MS = 60_000;
const MAX_TRACKED = 10_000;

/**
 * Per-address cap on sign-in attempts at this node, in front of the per-account
 * lockout kept in the database. Bounded so a flood of addresses cannot grow it.
 */
export function loginRateLimit(maxPerMinute: number): (ip: string, now: number) => void {
  const hits = new Map<string, { count: number; start: number }>();
  return (ip, now) => {
    const entry = hits.get(ip);
    if (!entry || now - entry.start > WINDOW_MS) {
      if (hits.size >= MAX_TRACKED) hits.clear();
      hits.set(ip, { count: 1, start: now });
      return;
    }
    entry.count++;
    if (entry.count > maxPerMinute) throw tooManyRequests('Too many sign-in attempts from this address; wait a minute');
  };
}
