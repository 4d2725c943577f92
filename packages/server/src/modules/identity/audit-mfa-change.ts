import type { AuditParty } from '@deskside/shared';
import type { Tx } from '../../db/connect.js';
import { appendAdminChange } from '../audit/index.js';

/** What happened to an account's two-factor sign-in. */
export type MfaChange =
  | { kind: 'enabled' }
  | { kind: 'disabled' }
  /** `wasOn`: the authenticator was confirmed; false when only an unfinished set-up was removed. */
  | { kind: 'reset_by_admin'; wasOn: boolean };

export interface MfaChangeRecord {
  change: MfaChange;
  /** Who did it: the person themselves, or the admin who reset it. */
  actorId: number;
  /** Whose account it is. */
  personId: number;
  sourceIp: string | null;
  now: number;
}

/**
 * Chains a change to a Deskside account's two-factor sign-in onto the audit log (an admin-change
 * entry, subject `account_mfa`, decision 0032), in the caller's transaction. Desk accounts run and
 * approve identity actions, so taking one over often starts here: who did what to whose account,
 * when and from where. Only words: never a secret, a code or a recovery code (the log refuses them).
 */
export async function auditMfaChange(tx: Tx, record: MfaChangeRecord): Promise<void> {
  const person = await partyOf(tx, record.personId);
  const actor = record.actorId === record.personId ? person : await partyOf(tx, record.actorId);
  const account = `${person.role} account`;
  const { change } = record;
  const entry = (() => {
    switch (change.kind) {
      case 'enabled':
        return {
          note: `The person turned on two-factor sign-in for their own ${account} with an authenticator app, in their own session`,
          changes: [{ field: 'twoFactorSignIn', before: 'off', after: 'on (authenticator app)' }],
        };
      case 'disabled':
        return {
          note: `The person turned off two-factor sign-in for their own ${account}, confirming it with their second factor in their own session`,
          changes: [
            { field: 'twoFactorSignIn', before: 'on', after: 'off' },
            { field: 'sessionsPassedTwoFactor', before: 'as they were', after: 'none' },
          ],
        };
      case 'reset_by_admin':
        return {
          note: `An admin removed the authenticator and the recovery list of this ${account} (a lost phone, say) and ended all its sessions`,
          changes: [
            { field: 'twoFactorSignIn', before: change.wasOn ? 'on' : 'being set up', after: 'off' },
            { field: 'sessions', before: 'as they were', after: 'all ended' },
          ],
        };
    }
  })();
  await appendAdminChange(tx, {
    subject: 'account_mfa',
    person: person.party,
    actor: actor.party,
    ...entry,
    sourceIp: record.sourceIp,
    occurredAt: record.now,
  });
}

async function partyOf(tx: Tx, userId: number): Promise<{ party: AuditParty; role: string }> {
  const user = await tx
    .selectFrom('users')
    .leftJoin('directory_people', 'directory_people.id', 'users.directory_id')
    .select(['users.name', 'users.role', 'directory_people.immutable_id'])
    .where('users.id', '=', userId)
    .executeTakeFirstOrThrow();
  return { party: { userId, directoryId: user.immutable_id ?? null, name: user.name }, role: user.role };
}
