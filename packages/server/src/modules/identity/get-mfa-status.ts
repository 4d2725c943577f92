import type { Db } from '../../db/connect.js';
import type { Actor } from './actor.js';
import { countUnusedRecoveryCodes, findTotp } from './mfa-repo.js';

/** The signed-in person's two-factor state: never the secret or the codes. */
export async function getMfaStatus(db: Db, actor: Actor) {
  const totp = await findTotp(db, actor.id);
  const enabled = totp?.activated_at != null;
  return {
    enabled,
    pending: totp !== undefined && !enabled,
    activatedAt: enabled ? new Date(totp.activated_at!).toISOString() : null,
    recoveryCodesLeft: enabled ? await countUnusedRecoveryCodes(db, actor.id) : 0,
    sessionPassedAt: actor.mfaAt == null ? null : new Date(actor.mfaAt).toISOString(),
  };
}
