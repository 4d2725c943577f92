import type { Logger } from 'pino';
import type { Db } from '../../db/connect.js';
import { DomainError } from '../../errors.js';
import type { DirectoryConnector } from '../directory/index.js';
import { connectorFor, findDirectoryConnection } from '../directory-sync/index.js';
import type { MailOrigin } from '../mail/index.js';
import { performerFor } from './action-performers.js';
import { jobContext, loadForJob } from './job-access-context.js';
import { readBack, recordWriteOutcome, SETTLE_AFTER_MS } from './record-outcome.js';

/** Requests settled per run; the next run (a minute later) takes the rest. */
const BATCH = 50;

/** The job as the audit names it in `after.by`. */
export const SETTLE_BY = 'desk:unknown-outcome-settlement';

export interface SettleDeps {
  db: Db;
  secretKey: string | undefined;
  log: Logger;
  origin: MailOrigin;
}

export interface SettleOutcome {
  /** Read back as applied: executed (and notified when a notice could be queued). */
  applied: number;
  /** Read back as not applied: back to the ready state, to be executed again through the gate. */
  notApplied: number;
  /** The directory could not be read: still unknown_outcome, tried again on the next run. */
  unreadable: number;
  /** Not for this job (manual, moved meanwhile, no performer): left as they are. */
  skipped: number;
}

/**
 * Settles requests left in unknown_outcome for longer than two minutes (their write's reply was
 * lost and the read-back failed too, or the process died mid-write) by reading the account back
 * through the action's performer, and records confirm_applied or confirm_not_applied exactly as
 * execution does (record-outcome.ts). It never writes to the directory: a write is only ever sent
 * by an agent's execute, after a read-back said the previous one did not apply.
 *
 * Only requests a directory can answer for: an LDAP connection, and a write the desk sent itself.
 * A manual write (`manual_steps` set, decision 0043) is settled only by the agent's record of it.
 */
export async function settleUnknownOutcomes(deps: SettleDeps, now: number): Promise<SettleOutcome> {
  const outcome: SettleOutcome = { applied: 0, notApplied: 0, unreadable: 0, skipped: 0 };
  const due = await deps.db
    .selectFrom('access_requests')
    .select('id')
    .where('state', '=', 'unknown_outcome')
    .where('manual_steps', 'is', null)
    .where('updated_at', '<=', now - SETTLE_AFTER_MS)
    .orderBy('updated_at')
    .orderBy('id')
    .limit(BATCH)
    .execute();
  if (due.length === 0) return outcome;
  const connection = await findDirectoryConnection(deps.db);
  // connectorFor answers only for LDAP: a manual directory has nothing to read back.
  const connector = connection ? connectorFor(connection, deps.secretKey, deps.log) : null;
  if (!connector) {
    deps.log.warn({ due: due.length }, 'identity-action requests wait in unknown_outcome but no directory connection can read them back');
    return { ...outcome, skipped: due.length };
  }
  for (const { id } of due) outcome[await settleOne(deps, connector, id, now)] += 1;
  return outcome;
}

async function settleOne(deps: SettleDeps, connector: DirectoryConnector, id: string, now: number): Promise<keyof SettleOutcome> {
  // Read first, in a transaction of its own: the read-back talks to the directory, which no
  // transaction should wait on. The version read here fences the record below.
  const seen = await deps.db.transaction().execute(async (tx) => {
    const fresh = await loadForJob(tx, id);
    if (!fresh || fresh.request.state !== 'unknown_outcome' || fresh.row.manual_steps !== null) return null;
    if (now - fresh.row.updated_at < SETTLE_AFTER_MS) return null;
    const performer = performerFor(fresh.request.action.type);
    if (!performer) return null;
    const loaded = performer.load ? await performer.load(jobContext(tx, now, SETTLE_BY), fresh) : fresh;
    return { performer, loaded };
  });
  if (!seen) return 'skipped';

  const event = await readBack(seen.performer, connector, seen.loaded);
  if (!event) {
    deps.log.warn({ accessRequest: id }, 'could not read the account back to settle a request in unknown_outcome; the next run tries again');
    return 'unreadable';
  }
  try {
    const recorded = await deps.db.transaction().execute(async (tx) => {
      const fresh = await loadForJob(tx, id);
      // Steps stored meanwhile do not move the version: the agent's record settles it now.
      if (!fresh || fresh.row.manual_steps !== null) return false;
      await recordWriteOutcome(jobContext(tx, now, SETTLE_BY), fresh, {
        performer: seen.performer, event, reply: null, learnedAtVersion: seen.loaded.row.version, origin: deps.origin,
      });
      return true;
    });
    if (!recorded) return 'skipped';
  } catch (error) {
    // An agent's execute (or another run) settled it first, with a read-back of its own.
    if (error instanceof DomainError && error.status === 409) return 'skipped';
    throw error;
  }
  return event.type === 'confirm_applied' ? 'applied' : 'notApplied';
}
