import type { Db, Tx } from '../../db/connect.js';
import { newSecret, sha256 } from './tokens.js';

type Q = Db | Tx;

const IDLE_MS = 8 * 60 * 60 * 1000;
const MAX_MS = 7 * 24 * 60 * 60 * 1000;
// Sliding expiry is written at most this often, so reads do not turn into writes.
const TOUCH_EVERY_MS = 5 * 60 * 1000;

export interface OpenedSession {
  /** The cookie value: shown once to the browser, stored only as a hash. */
  token: string;
  csrfToken: string;
  expiresAt: number;
}

/** Starts a server-side session for a person who just proved who they are; `mfaAt` when they passed the second step. */
export async function openSession(q: Q, userId: number, now: number, mfaAt: number | null = null): Promise<OpenedSession> {
  const token = newSecret();
  const csrfToken = newSecret();
  const expiresAt = now + IDLE_MS;
  await q
    .insertInto('sessions')
    .values({ id_hash: sha256(token), user_id: userId, csrf_token: csrfToken, created_at: now, expires_at: expiresAt, last_seen_at: now, mfa_at: mfaAt })
    .execute();
  return { token, csrfToken, expiresAt };
}

/** The live session a cookie names, extending its idle expiry; undefined when unknown or expired. */
export async function resumeSession(q: Q, token: string, now: number) {
  const row = await q.selectFrom('sessions').selectAll().where('id_hash', '=', sha256(token)).executeTakeFirst();
  if (!row || row.expires_at <= now || now - row.created_at > MAX_MS) return undefined;
  if (now - row.last_seen_at > TOUCH_EVERY_MS) {
    await q
      .updateTable('sessions')
      .set({ last_seen_at: now, expires_at: Math.min(now + IDLE_MS, row.created_at + MAX_MS) })
      .where('id_hash', '=', row.id_hash)
      .execute();
  }
  return row;
}

export async function closeSession(q: Q, token: string): Promise<void> {
  await q.deleteFrom('sessions').where('id_hash', '=', sha256(token)).execute();
}

export async function closeAllSessionsOf(q: Q, userId: number): Promise<void> {
  await q.deleteFrom('sessions').where('user_id', '=', userId).execute();
}
