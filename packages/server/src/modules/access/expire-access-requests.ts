import type { Db } from '../../db/connect.js';
import { DomainError } from '../../errors.js';
import { commitStep, decide } from './access-writes.js';
import { jobContext, loadForJob } from './job-access-context.js';

const OPEN = ['requested', 'verified', 'approved'] as const;

/** Requests read per query; a run reads batch after batch until none is due. */
const BATCH = 100;

/** The job as the audit names it in `after.by`. */
export const EXPIRY_BY = 'desk:access-request-expiry';

export interface RequestExpiryOutcome {
  expired: number;
  /** Due when listed, but moved meanwhile (refused, expired by a concurrent run or a read): left as they are. */
  skipped: number;
}

/**
 * Expires every open request (requested, verified or approved) whose lifetime has ended, so one
 * nobody reads again does not stay open, its pending confirmation link still answerable. Each
 * request is its own transaction: the pure `expire` event, saved at the version read, with its
 * audit entry. A concurrent move wins (an agent refusing it, another run, a read that expired it)
 * and this one skips the request.
 */
export async function expireAccessRequests(db: Db, now: number): Promise<RequestExpiryOutcome> {
  const outcome: RequestExpiryOutcome = { expired: 0, skipped: 0 };
  let after: { expiresAt: number; id: string } | null = null;
  for (;;) {
    const from = after;
    let query = db.selectFrom('access_requests').select(['id', 'expires_at']).where('state', 'in', [...OPEN]).where('expires_at', '<=', now);
    // Keyset on (expires_at, id): a skipped request is never listed again in this run.
    if (from) {
      query = query.where((eb) => eb.or([eb('expires_at', '>', from.expiresAt), eb.and([eb('expires_at', '=', from.expiresAt), eb('id', '>', from.id)])]));
    }
    const due = await query.orderBy('expires_at').orderBy('id').limit(BATCH).execute();
    for (const { id } of due) outcome[(await expireOne(db, id, now)) ? 'expired' : 'skipped'] += 1;
    const last = due[due.length - 1];
    if (due.length < BATCH || !last) return outcome;
    after = { expiresAt: Number(last.expires_at), id: last.id };
  }
}

/** Expires one request if it is still open and due; false when it moved first. */
async function expireOne(db: Db, id: string, now: number): Promise<boolean> {
  try {
    return await db.transaction().execute(async (tx) => {
      const loaded = await loadForJob(tx, id);
      if (!loaded || !(OPEN as readonly string[]).includes(loaded.request.state) || now < loaded.request.expiresAt) return false;
      await commitStep(jobContext(tx, now, EXPIRY_BY), loaded, decide(loaded.request, { type: 'expire' }, now), { reason: 'expired' });
      return true;
    });
  } catch (error) {
    // saveAtVersion's 409: someone moved the request between our read and our write.
    if (error instanceof DomainError && error.status === 409) return false;
    throw error;
  }
}
