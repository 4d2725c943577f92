import type { TokenScope } from '@deskside/shared';
import type { Db } from '../../db/connect.js';
import type { UserRow } from '../../db/types.js';
import type { Actor } from './actor.js';
import { cacheGeneration, cachedActor, rememberActor } from './actor-cache.js';
import { findLiveToken, markTokenUsed } from './api-tokens.js';
import { resumeSession } from './sessions.js';
import { sha256 } from './tokens.js';
import { findUserById, groupIdsOf } from './users-repo.js';

const TOKEN_TOUCH_MS = 60_000;

async function toActor(db: Db, user: UserRow, scopes: TokenScope[] | null): Promise<Actor> {
  return { id: user.id, name: user.name, email: user.email, role: user.role, groupIds: await groupIdsOf(db, user.id), scopes };
}

/** The actor behind a session cookie, with the session's CSRF token; undefined when not signed in. */
export async function actorFromSession(db: Db, cookie: string, now: number) {
  const session = await resumeSession(db, cookie, now);
  if (!session) return undefined;
  const user = await findUserById(db, session.user_id);
  if (!user || user.disabled_at !== null) return undefined;
  return { actor: { ...(await toActor(db, user, null)), mfaAt: session.mfa_at }, csrfToken: session.csrf_token };
}

/** The actor behind an API token; undefined when the token is unknown, revoked or its owner disabled. */
export async function actorFromToken(db: Db, token: string, now: number): Promise<Actor | undefined> {
  const hash = sha256(token);
  const cached = cachedActor(hash, now);
  if (cached) return cached;
  const generation = cacheGeneration();
  const row = await findLiveToken(db, token);
  if (!row) return undefined;
  const user = await findUserById(db, row.user_id);
  if (!user || user.disabled_at !== null) return undefined;
  if (row.last_used_at === null || now - row.last_used_at > TOKEN_TOUCH_MS) await markTokenUsed(db, row.id, now);
  const actor = await toActor(db, user, JSON.parse(row.scopes) as TokenScope[]);
  rememberActor(hash, row.id, actor, now, generation);
  return actor;
}
