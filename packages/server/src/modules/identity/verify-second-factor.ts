import type { Db } from '../../db/connect.js';
import { tooManyRequests } from '../../errors.js';
import { clearFailures, isLockedOut, recordFailure } from './login-throttle.js';
import { findTotp, spendRecoveryCode, useTotpStep } from './mfa-repo.js';
import { hashRecoveryCode } from './recovery-codes.js';
import type { SecretBox } from './secret-box.js';
import { looksLikeTotpCode, matchTotp } from './totp.js';

/** The associated data a person's sealed TOTP secret is bound to. */
export const totpContext = (userId: number) => `totp:${userId}`;

/** The login throttle's key for a person: wrong codes and wrong passwords count together. */
export const throttleKey = (email: string) => `email:${email.toLowerCase()}`;

/**
 * Checks a code from the person's authenticator (six digits, within one step, never
 * twice) or one of their unused recovery codes, which it spends. A wrong code counts
 * toward the same lockout as a wrong password; while locked out nothing is checked.
 * Undefined when the code is not right.
 */
export async function verifySecondFactor(
  db: Db,
  box: SecretBox,
  input: { userId: number; email: string; code: string; now: number },
): Promise<'totp' | 'recovery' | undefined> {
  const key = throttleKey(input.email);
  if (await isLockedOut(db, key, input.now)) {
    throw tooManyRequests('Too many wrong codes or passwords for this account; wait 15 minutes or ask the desk');
  }
  const totp = await findTotp(db, input.userId);
  const code = input.code.replace(/\s/g, '');
  let used: 'totp' | 'recovery' | undefined;
  if (totp?.activated_at != null) {
    if (looksLikeTotpCode(code)) {
      const step = matchTotp(box.open(totp.secret, totpContext(input.userId)), code, input.now, totp.last_step);
      if (step !== undefined && (await useTotpStep(db, input.userId, step))) used = 'totp';
    } else if (await spendRecoveryCode(db, input.userId, hashRecoveryCode(code), input.now)) {
      used = 'recovery';
    }
  }
  if (used) await clearFailures(db, key);
  else await recordFailure(db, key, input.now);
  return used;
}
