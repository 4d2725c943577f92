import { RESET_PASSWORD_MIN_LENGTH } from '@deskside/shared';
import { conflict, DomainError, invalid, notFound } from '../../errors.js';
import { appendAuditEntry } from '../audit/index.js';
import { connectorFor, findDirectoryConnection } from '../directory-sync/index.js';
import type { ExecuteDeps } from './execute-access-request.js';
import { hashResetToken } from './send-reset-link-job.js';

export interface RedeemInput {
  token: string;
  newPassword: string;
  sourceIp: string | null;
}

const gone = (detail: string) => new DomainError(410, 'Gone', detail);

/** The names a password must not contain: the account's login name and the local part of its address. */
function accountNames(dn: string | null, email: string | null): string[] {
  const rdn = dn?.split(',')[0]?.split('=')[1]?.trim();
  const local = email?.split('@')[0];
  return [rdn, local].filter((n): n is string => typeof n === 'string' && n.length >= 3).map((n) => n.toLowerCase());
}

/**
 * The user sets their own new password with the single-use link mailed to them. The token is
 * claimed (used_at) in the same transaction as the directory write and the audit entry, so a
 * second use finds it taken; a failed write rolls the claim back. The password is never stored,
 * logged or returned, and the user chose it, so no change is forced at next sign-in (decision 0036).
 */
export async function redeemResetToken(deps: Omit<ExecuteDeps, 'origin'>, input: RedeemInput): Promise<void> {
  const now = deps.now();
  await deps.db.transaction().execute(async (tx) => {
    const link = await tx.selectFrom('password_reset_tokens').selectAll().where('token_hash', '=', hashResetToken(input.token)).executeTakeFirst();
    if (!link) throw notFound('reset link: ask the service desk for a new one');
    if (link.used_at !== null) throw gone('This link was already used. If you did not use it, call the Security desk.');
    if (now >= link.expires_at) throw gone('This link has expired. Ask the service desk for a new one.');
    const request = await tx.selectFrom('access_requests').selectAll().where('id', '=', link.request_id).executeTakeFirst();
    const bound = request && request.action_type === 'reset_password' && request.target_immutable_id === link.target_immutable_id
      && (request.state === 'executed' || request.state === 'notified');
    if (!request || !bound) throw notFound('reset link: ask the service desk for a new one');
    const target = await tx.selectFrom('directory_people').selectAll().where('id', '=', link.target_person_id).executeTakeFirstOrThrow();

    if (input.newPassword.length < RESET_PASSWORD_MIN_LENGTH) throw invalid('newPassword', `must be at least ${RESET_PASSWORD_MIN_LENGTH} characters long`);
    const lowered = input.newPassword.toLowerCase();
    if (accountNames(target.dn, target.email).some((n) => lowered.includes(n))) throw invalid('newPassword', 'must not contain your account name');

    const claimed = await tx.updateTable('password_reset_tokens').set({ used_at: now }).where('id', '=', link.id).where('used_at', 'is', null).executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) throw gone('This link was already used. If you did not use it, call the Security desk.');
    // The audit entry first: a refused entry must stop the write, and a failed write rolls both back.
    const linked = await tx.selectFrom('users').select('id').where('directory_id', '=', target.id).executeTakeFirst();
    await appendAuditEntry(tx, {
      action: 'reset_password', outcome: request.state as 'executed' | 'notified', requestId: request.id, ticketId: request.ticket_id,
      actor: { userId: linked?.id ?? null, directoryId: target.immutable_id, name: target.name },
      verifications: [], approvers: [],
      target: { directoryId: target.immutable_id, displayName: target.name },
      before: { link: 'issued' },
      after: { link: 'used', setBy: 'the person, through the single-use link', mustChangeAtNextLogin: false },
      sourceIp: input.sourceIp, occurredAt: now,
    });
    const connection = await findDirectoryConnection(tx);
    const connector = connection ? connectorFor(connection, deps.secretKey, deps.log) : null;
    if (!connector) throw conflict('The directory cannot be reached from the desk right now; try again later', []);
    try {
      const result = await connector.setPassword(target.immutable_id, input.newPassword, { mustChangeAtNextLogin: false });
      if (result.outcome === 'manual') throw new Error('the directory needs a manual change');
    } catch (error) {
      const why = error instanceof Error ? error.message.split(input.newPassword).join('[password]') : 'unknown error';
      deps.log.warn({ accessRequest: request.id, why }, 'the directory did not take a password set through a reset link');
      throw conflict('The directory did not accept this password. Try a longer or different one, or call the service desk.', []);
    }
  });
}
