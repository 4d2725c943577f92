import type { Db } from '../../db/connect.js';
import { conflict, invalid } from '../../errors.js';
import type { Actor } from './actor.js';
import { auditMfaChange } from './audit-mfa-change.js';
import { findTotp, markSessionMfa, replaceRecoveryCodes, useTotpStep } from './mfa-repo.js';
import { appendPersonEvent } from './person-events-repo.js';
import { hashRecoveryCode, newRecoveryCodes } from './recovery-codes.js';
import { assertOwnSession } from './require-recent-mfa.js';
import type { SecretBox } from './secret-box.js';
import { matchTotp } from './totp.js';
import { totpContext } from './verify-second-factor.js';

// An enrolment left unconfirmed this long is started again, with a new secret.
const PENDING_MS = 30 * 60 * 1000;

/**
 * Turns two-factor sign-in on with the first code from the new authenticator, and
 * returns the ten recovery codes, shown this once. The session it happens in counts
 * as having passed MFA: the person just proved they hold the factor. Audited (decision 0032).
 */
export async function confirmTotpEnrolment(db: Db, box: SecretBox, input: { actor: Actor; sessionToken: string; code: string; now: number; sourceIp: string | null }) {
  assertOwnSession(input.actor);
  const userId = input.actor.id;
  const totp = await findTotp(db, userId);
  if (!totp || input.now - totp.created_at > PENDING_MS) throw conflict('Start setting up your authenticator first (or again: the last start is more than 30 minutes old)');
  if (totp.activated_at != null) throw conflict('Two-factor sign-in is already on');
  const step = matchTotp(box.open(totp.secret, totpContext(userId)), input.code.replace(/\s/g, ''), input.now, null);
  if (step === undefined) throw invalid('code', 'is not right: enter the six digits your authenticator app shows now');
  const codes = newRecoveryCodes();
  await db.transaction().execute(async (tx) => {
    if (!(await useTotpStep(tx, userId, step, input.now))) throw conflict('Two-factor sign-in was just turned on in another window');
    await replaceRecoveryCodes(tx, userId, codes.map(hashRecoveryCode), input.now);
    await markSessionMfa(tx, input.sessionToken, input.now);
    await appendPersonEvent(tx, { personId: userId, actorId: userId, type: 'mfa_enabled', data: { method: 'totp' }, now: input.now });
    await auditMfaChange(tx, { change: { kind: 'enabled' }, actorId: userId, personId: userId, sourceIp: input.sourceIp, now: input.now });
  });
  return { recoveryCodes: codes };
}
