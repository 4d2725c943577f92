import type { Db, Tx } from '../../db/connect.js';
import type { PersonTotpRow } from '../../db/types.js';
import { sha256 } from './tokens.js';

type Q = Db | Tx;

export async function findTotp(q: Q, userId: number): Promise<PersonTotpRow | undefined> {
  return q.selectFrom('person_totp').selectAll().where('user_id', '=', userId).executeTakeFirst();
}

/** Whether the person's authenticator is confirmed and in use. */
export async function hasActiveTotp(q: Q, userId: number): Promise<boolean> {
  return (await findTotp(q, userId))?.activated_at != null;
}

/** Of these people, the ids of those with an active authenticator. */
export async function activeTotpAmong(q: Q, userIds: number[]): Promise<Set<number>> {
  if (userIds.length === 0) return new Set();
  const rows = await q.selectFrom('person_totp').select('user_id').where('user_id', 'in', userIds).where('activated_at', 'is not', null).execute();
  return new Set(rows.map((r) => r.user_id));
}

/** Replaces any earlier, unconfirmed enrolment with a new sealed secret. */
export async function putPendingTotp(q: Q, userId: number, sealed: string, now: number): Promise<void> {
  await q.deleteFrom('person_totp').where('user_id', '=', userId).execute();
  await q.insertInto('person_totp').values({ user_id: userId, secret: sealed, created_at: now, activated_at: null, last_step: null }).execute();
}

/**
 * Records the step a code was accepted for, only if it is newer than the last one:
 * of two requests racing with one code, exactly one moves it. False when it did not move.
 */
export async function useTotpStep(q: Q, userId: number, step: number, activateAt?: number): Promise<boolean> {
  const result = await q
    .updateTable('person_totp')
    .set({ last_step: step, ...(activateAt === undefined ? {} : { activated_at: activateAt }) })
    .where('user_id', '=', userId)
    .where((eb) => eb.or([eb('last_step', 'is', null), eb('last_step', '<', step)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Removes the authenticator, the recovery codes and any sign-in awaiting a code. */
export async function deleteMfaOf(q: Q, userId: number): Promise<boolean> {
  const removed = await q.deleteFrom('person_totp').where('user_id', '=', userId).executeTakeFirst();
  await q.deleteFrom('mfa_recovery_codes').where('user_id', '=', userId).execute();
  await q.deleteFrom('mfa_challenges').where('user_id', '=', userId).execute();
  return Number(removed.numDeletedRows) > 0;
}

export async function replaceRecoveryCodes(q: Q, userId: number, hashes: string[], now: number): Promise<void> {
  await q.deleteFrom('mfa_recovery_codes').where('user_id', '=', userId).execute();
  await q.insertInto('mfa_recovery_codes').values(hashes.map((code_hash) => ({ user_id: userId, code_hash, created_at: now, used_at: null }))).execute();
}

/** Spends one unused recovery code; false when it is unknown or already spent (also under a race). */
export async function spendRecoveryCode(q: Q, userId: number, hash: string, now: number): Promise<boolean> {
  const result = await q
    .updateTable('mfa_recovery_codes')
    .set({ used_at: now })
    .where('user_id', '=', userId)
    .where('code_hash', '=', hash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function countUnusedRecoveryCodes(q: Q, userId: number): Promise<number> {
  const row = await q
    .selectFrom('mfa_recovery_codes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertChallenge(q: Q, token: string, userId: number, now: number, expiresAt: number): Promise<void> {
  await q.deleteFrom('mfa_challenges').where('expires_at', '<=', now).execute();
  await q.insertInto('mfa_challenges').values({ id_hash: sha256(token), user_id: userId, created_at: now, expires_at: expiresAt }).execute();
}

export async function findChallenge(q: Q, token: string, now: number) {
  const row = await q.selectFrom('mfa_challenges').selectAll().where('id_hash', '=', sha256(token)).executeTakeFirst();
  return row && row.expires_at > now ? row : undefined;
}

export async function countChallengeFailure(q: Q, idHash: string): Promise<number> {
  await q.updateTable('mfa_challenges').set((eb) => ({ failures: eb('failures', '+', 1) })).where('id_hash', '=', idHash).execute();
  const row = await q.selectFrom('mfa_challenges').select('failures').where('id_hash', '=', idHash).executeTakeFirst();
  return row?.failures ?? Number.MAX_SAFE_INTEGER;
}

/** False when another request already used or removed it. */
export async function deleteChallenge(q: Q, idHash: string): Promise<boolean> {
  const result = await q.deleteFrom('mfa_challenges').where('id_hash', '=', idHash).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

/** Marks a session as having passed the second step now. */
export async function markSessionMfa(q: Q, sessionToken: string, now: number): Promise<void> {
  await q.updateTable('sessions').set({ mfa_at: now }).where('id_hash', '=', sha256(sessionToken)).execute();
}

/** Forgets that any of the person's sessions passed the second step (their factor is gone). */
export async function clearSessionsMfa(q: Q, userId: number): Promise<void> {
  await q.updateTable('sessions').set({ mfa_at: null }).where('user_id', '=', userId).execute();
}
