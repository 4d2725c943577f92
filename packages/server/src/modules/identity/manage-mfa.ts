import type { Db } from '../../db/connect.js';
import { conflict, invalid, notFound } from '../../errors.js';
import type { Actor } from './actor.js';
import { auditMfaChange } from './audit-mfa-change.js';
import { clearSessionsMfa, deleteMfaOf, findTotp, hasActiveTotp, markSessionMfa, replaceRecoveryCodes } from './mfa-repo.js';
import { appendPersonEvent } from './person-events-repo.js';
import { hashRecoveryCode, newRecoveryCodes } from './recovery-codes.js';
import { assertOwnSession } from './require-recent-mfa.js';
import type { SecretBox } from './secret-box.js';
import { closeAllSessionsOf } from './sessions.js';
import { findUserById } from './users-repo.js';
import { verifySecondFactor } from './verify-second-factor.js';

type OwnInput = { actor: Actor; code: string; now: number };

const WRONG = 'is not right: enter the six digits your authenticator app shows now, or a recovery code';

/** A current code from the signed-in person, counted toward their lockout when wrong. */
async function proveFactor(db: Db, box: SecretBox, input: OwnInput): Promise<void> {
  assertOwnSession(input.actor);
  if (!(await hasActiveTotp(db, input.actor.id))) throw conflict('Two-factor sign-in is not on');
  const used = await verifySecondFactor(db, box, { userId: input.actor.id, email: input.actor.email, code: input.code, now: input.now });
  if (!used) throw invalid('code', WRONG);
}

/** Marks this session as having passed MFA now, for identity actions that want it recent. */
export async function verifyMfaAgain(db: Db, box: SecretBox, input: OwnInput & { sessionToken: string }): Promise<void> {
  await proveFactor(db, box, input);
  await markSessionMfa(db, input.sessionToken, input.now);
}

/** Ten new recovery codes, shown once; the old ones stop working. Needs a current code. */
export async function renewRecoveryCodes(db: Db, box: SecretBox, input: OwnInput) {
  await proveFactor(db, box, input);
  const codes = newRecoveryCodes();
  await db.transaction().execute(async (tx) => {
    await replaceRecoveryCodes(tx, input.actor.id, codes.map(hashRecoveryCode), input.now);
    await appendPersonEvent(tx, { personId: input.actor.id, actorId: input.actor.id, type: 'mfa_recovery_codes_renewed', data: {}, now: input.now });
  });
  return { recoveryCodes: codes };
}

/** Turns the person's own two-factor sign-in off; needs a current code. No session of theirs counts as MFA-passed after. Audited. */
export async function turnOffTotp(db: Db, box: SecretBox, input: OwnInput & { sourceIp: string | null }): Promise<void> {
  await proveFactor(db, box, input);
  await db.transaction().execute(async (tx) => {
    await deleteMfaOf(tx, input.actor.id);
    await clearSessionsMfa(tx, input.actor.id);
    await appendPersonEvent(tx, { personId: input.actor.id, actorId: input.actor.id, type: 'mfa_disabled', data: {}, now: input.now });
    await auditMfaChange(tx, { change: { kind: 'disabled' }, actorId: input.actor.id, personId: input.actor.id, sourceIp: input.sourceIp, now: input.now });
  });
}

/**
 * An admin removes someone's authenticator (a lost phone): recorded on the person and in the
 * audit chain, and every session of theirs ends so whoever holds one signs in again. The caller
 * checks the admin's own rights and MFA first.
 */
export async function resetPersonMfa(db: Db, input: { actor: Actor; personId: number; now: number; sourceIp: string | null }): Promise<void> {
  if (input.personId === input.actor.id) throw conflict('Turn your own two-factor sign-in off on your account page, with a code');
  await db.transaction().execute(async (tx) => {
    if (!(await findUserById(tx, input.personId))) throw notFound('person');
    const wasOn = (await findTotp(tx, input.personId))?.activated_at != null;
    if (!(await deleteMfaOf(tx, input.personId))) throw conflict('This person has no two-factor sign-in to reset');
    await closeAllSessionsOf(tx, input.personId);
    await appendPersonEvent(tx, { personId: input.personId, actorId: input.actor.id, type: 'mfa_reset', data: { sessionsEnded: true }, now: input.now });
    await auditMfaChange(tx, { change: { kind: 'reset_by_admin', wasOn }, actorId: input.actor.id, personId: input.personId, sourceIp: input.sourceIp, now: input.now });
  });
}
