import type { TokenScope } from '@deskside/shared';
import type { Db, Tx } from '../../db/connect.js';
import type { ApiTokenRow } from '../../db/types.js';
import { notFound } from '../../errors.js';
import type { Actor } from './actor.js';
import { newSecret, sha256 } from './tokens.js';

const PREFIX = 'dsk_';

/** Issues an integration token for the actor; the secret is returned once and stored hashed. */
export async function createApiToken(tx: Tx, actor: Actor, input: { name: string; scopes: TokenScope[]; now: number }) {
  const token = PREFIX + newSecret();
  const row = await tx
    .insertInto('api_tokens')
    .values({
      user_id: actor.id,
      name: input.name,
      token_hash: sha256(token),
      scopes: JSON.stringify(input.scopes),
      created_at: input.now,
      last_used_at: null,
      revoked_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { row, token };
}

export async function listApiTokens(db: Db, actor: Actor): Promise<ApiTokenRow[]> {
  return db.selectFrom('api_tokens').selectAll().where('user_id', '=', actor.id).orderBy('id', 'desc').execute();
}

/** Revokes one of the actor's own tokens; another person's token answers 404. */
export async function revokeApiToken(tx: Tx, actor: Actor, id: number, now: number): Promise<void> {
  const result = await tx
    .updateTable('api_tokens')
    .set({ revoked_at: now })
    .where('id', '=', id)
    .where('user_id', '=', actor.id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw notFound('token');
}

/** Revokes every live token of a person (deactivated); returns how many there were. */
export async function revokeAllTokensOf(tx: Tx, userId: number, now: number): Promise<number> {
  const result = await tx
    .updateTable('api_tokens')
    .set({ revoked_at: now })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The live token a bearer header carries, or undefined. */
export async function findLiveToken(db: Db, token: string): Promise<ApiTokenRow | undefined> {
  if (!token.startsWith(PREFIX)) return undefined;
  return db
    .selectFrom('api_tokens')
    .selectAll()
    .where('token_hash', '=', sha256(token))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
}

export async function markTokenUsed(db: Db, id: number, now: number): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', id).execute();
}

export function presentApiToken(row: ApiTokenRow) {
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  return {
    id: row.id,
    name: row.name,
    scopes: JSON.parse(row.scopes) as TokenScope[],
    createdAt: new Date(row.created_at).toISOString(),
    lastUsedAt: iso(row.last_used_at),
    revokedAt: iso(row.revoked_at),
  };
}
