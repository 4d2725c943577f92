import type { Db } from '../../db/connect.js';
import { forbidden } from '../../errors.js';
import { createUser } from './create-user.js';
import { openSession } from './sessions.js';
import { newSecret, sha256 } from './tokens.js';
import { countUsers } from './users-repo.js';

/**
 * On an empty desk, issues the one-time token for the setup link printed at start.
 * Returns null once anyone exists: setup is only for the very first admin.
 */
export async function issueSetupToken(db: Db, now: number): Promise<string | null> {
  if ((await countUsers(db)) > 0) return null;
  const token = newSecret(24);
  await db.insertInto('setup_tokens').values({ token_hash: sha256(token), created_at: now, used_at: null }).execute();
  return token;
}

export async function needsSetup(db: Db): Promise<boolean> {
  return (await countUsers(db)) === 0;
}

/** Creates the first admin from the setup link and signs them in; the token works once. */
export async function completeSetup(db: Db, input: { token: string; email: string; name: string; password: string; now: number }) {
  return db.transaction().execute(async (tx) => {
    const used = await tx
      .updateTable('setup_tokens')
      .set({ used_at: input.now })
      .where('token_hash', '=', sha256(input.token))
      .where('used_at', 'is', null)
      .executeTakeFirst();
    if (Number(used.numUpdatedRows) === 0 || (await countUsers(tx)) > 0) {
      throw forbidden('This setup link is not valid any more; sign in instead');
    }
    const user = await createUser(tx, { email: input.email, name: input.name, role: 'admin', password: input.password, now: input.now });
    const session = await openSession(tx, user.id, input.now);
    return { user, session };
  });
}
