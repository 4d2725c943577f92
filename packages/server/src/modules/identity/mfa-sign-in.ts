import type { Db, Tx } from '../../db/connect.js';
import { unauthorized } from '../../errors.js';
import { countChallengeFailure, countUnusedRecoveryCodes, deleteChallenge, findChallenge, insertChallenge } from './mfa-repo.js';
import { appendPersonEvent } from './person-events-repo.js';
import type { SecretBox } from './secret-box.js';
import { openSession } from './sessions.js';
import { newSecret } from './tokens.js';
import { findUserById } from './users-repo.js';
import { verifySecondFactor } from './verify-second-factor.js';

const CHALLENGE_MS = 5 * 60 * 1000;
// Beyond the account lockout: one challenge never takes more than this many guesses.
const MAX_CHALLENGE_FAILURES = 5;
const EXPIRED = 'Your sign-in timed out; enter your e-mail and password again';

export interface OpenedChallenge {
  /** The challenge cookie's value: shown once to the browser, stored only as a hash. */
  token: string;
  expiresAt: number;
}

/** The state between a right password and the code: not a session, it grants nothing else. */
export async function openMfaChallenge(q: Db | Tx, userId: number, now: number): Promise<OpenedChallenge> {
  const token = newSecret();
  const expiresAt = now + CHALLENGE_MS;
  await insertChallenge(q, token, userId, now, expiresAt);
  return { token, expiresAt };
}

/** The second step of sign-in: a code (or a recovery code) turns the challenge into a session that passed MFA. */
export async function completeMfaSignIn(db: Db, box: SecretBox, input: { challengeToken: string | undefined; code: string; now: number }) {
  const challenge = input.challengeToken ? await findChallenge(db, input.challengeToken, input.now) : undefined;
  if (!challenge) throw unauthorized(EXPIRED);
  const user = await findUserById(db, challenge.user_id);
  if (!user || user.disabled_at !== null) {
    await deleteChallenge(db, challenge.id_hash);
    throw unauthorized(EXPIRED);
  }
  const used = await verifySecondFactor(db, box, { userId: user.id, email: user.email, code: input.code, now: input.now });
  if (!used) {
    if ((await countChallengeFailure(db, challenge.id_hash)) >= MAX_CHALLENGE_FAILURES) await deleteChallenge(db, challenge.id_hash);
    throw unauthorized('That code is not right; enter the code your authenticator app shows now, or a recovery code');
  }
  const session = await db.transaction().execute(async (tx) => {
    // Two right codes racing on one challenge open one session.
    if (!(await deleteChallenge(tx, challenge.id_hash))) throw unauthorized(EXPIRED);
    if (used === 'recovery') {
      const left = await countUnusedRecoveryCodes(tx, user.id);
      await appendPersonEvent(tx, { personId: user.id, actorId: user.id, type: 'mfa_recovery_code_used', data: { left }, now: input.now });
    }
    return openSession(tx, user.id, input.now, input.now);
  });
  return { user, session };
}
