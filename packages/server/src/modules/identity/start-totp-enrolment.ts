import type { Db } from '../../db/connect.js';
import { conflict } from '../../errors.js';
import type { Actor } from './actor.js';
import { findTotp, putPendingTotp } from './mfa-repo.js';
import type { SecretBox } from './secret-box.js';
import { newTotpSecret, totpUri } from './totp.js';
import { totpContext } from './verify-second-factor.js';
import { assertOwnSession } from './require-recent-mfa.js';

/**
 * Creates the signed-in person's authenticator secret, awaiting its first code. The
 * secret is returned this once (to show and import) and stored sealed; starting again
 * before confirming replaces it.
 */
export async function startTotpEnrolment(db: Db, box: SecretBox, input: { actor: Actor; now: number }) {
  assertOwnSession(input.actor);
  if ((await findTotp(db, input.actor.id))?.activated_at != null) {
    throw conflict('Two-factor sign-in is already on; turn it off first to move to another authenticator');
  }
  const secret = newTotpSecret();
  await putPendingTotp(db, input.actor.id, box.seal(secret, totpContext(input.actor.id)), input.now);
  return { secret, otpauthUri: totpUri(secret, input.actor.email) };
}
