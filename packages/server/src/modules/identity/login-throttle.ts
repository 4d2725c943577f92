import type { Db } from '../../db/connect.js';

const WINDOW_MS = 15 * 60 * 1000;
const MAX_FAILURES = 5;
const LOCK_MS = 15 * 60 * 1000;

/**
 * Failed sign-ins are counted per e-mail address whether or not an account exists,
 * so a lockout tells an attacker nothing about which addresses are real.
 * Stored in the database so every app node sees the same count.
 */
export async function isLockedOut(db: Db, key: string, now: number): Promise<boolean> {
  const row = await db.selectFrom('login_throttle').selectAll().where('key', '=', key).executeTakeFirst();
  return row?.locked_until != null && row.locked_until > now;
}

export async function recordFailure(db: Db, key: string, now: number): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const row = await tx.selectFrom('login_throttle').selectAll().where('key', '=', key).executeTakeFirst();
    const fresh = !row || now - row.window_started_at > WINDOW_MS;
    const failures = fresh ? 1 : row.failures + 1;
    const values = {
      failures,
      window_started_at: fresh ? now : row.window_started_at,
      locked_until: failures >= MAX_FAILURES ? now + LOCK_MS : null,
    };
    await tx
      .insertInto('login_throttle')
      .values({ key, ...values })
      .onConflict((oc) => oc.column('key').doUpdateSet(values))
      .execute();
  });
}

export async function clearFailures(db: Db, key: string): Promise<void> {
  await db.deleteFrom('login_throttle').where('key', '=', key).execute();
}
