import type { Db } from '../../db/connect.js';
import { tooManyRequests, unauthorized } from '../../errors.js';
import { clearFailures, isLockedOut, recordFailure } from './login-throttle.js';
import { verifyPassword } from './passwords.js';
import { openSession } from './sessions.js';
import { findUserByEmail } from './users-repo.js';

const INVALID = 'E-mail or password is not right';

/** Checks a password and opens a session; every failure looks the same from outside. */
export async function logIn(db: Db, input: { email: string; password: string; now: number }) {
  const key = `email:${input.email.toLowerCase()}`;
  if (await isLockedOut(db, key, input.now)) {
    throw tooManyRequests('Too many failed sign-ins for this address; wait 15 minutes or ask the desk');
  }
  const user = await findUserByEmail(db, input.email);
  const usable = user && user.disabled_at === null ? user : undefined;
  const ok = await verifyPassword(usable?.password_hash ?? null, input.password);
  if (!ok || !usable) {
    await recordFailure(db, key, input.now);
    throw unauthorized(INVALID);
  }
  await clearFailures(db, key);
  const session = await openSession(db, usable.id, input.now);
  return { user: usable, session };
}
