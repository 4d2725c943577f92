import type { Db } from '../../db/connect.js';
import { tooManyRequests, unauthorized } from '../../errors.js';
import { clearFailures, isLockedOut, recordFailure } from './login-throttle.js';
import { openMfaChallenge } from './mfa-sign-in.js';
import { hasActiveTotp } from './mfa-repo.js';
import { verifyPassword } from './passwords.js';
import { openSession } from './sessions.js';
import { findUserByEmail } from './users-repo.js';
import { throttleKey } from './verify-second-factor.js';

const INVALID = 'E-mail or password is not right';

/**
 * Checks a password and opens a session; every failure looks the same from outside.
 * With two-factor sign-in on, a right password opens only a short-lived challenge that
 * the code completes (`completeMfaSignIn`), and the failure count is kept until then:
 * a right password does not buy more guesses at the code.
 */
export async function logIn(db: Db, input: { email: string; password: string; now: number }) {
  const key = throttleKey(input.email);
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
  if (await hasActiveTotp(db, usable.id)) {
    return { kind: 'mfa', user: usable, challenge: await openMfaChallenge(db, usable.id, input.now) } as const;
  }
  await clearFailures(db, key);
  const session = await openSession(db, usable.id, input.now);
  return { kind: 'session', user: usable, session } as const;
}
