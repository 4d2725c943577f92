import type { AccessRequestEvent } from '@deskside/shared';
import { conflict } from '../../errors.js';
import type { DirectoryConnector, DirectoryWriteResult } from '../directory/index.js';
import type { MailOrigin } from '../mail/index.js';
import type { ActionPerformer } from './action-performers.js';
import { type AccessContext, allowedNext, commitStep, decide, type LoadedAccessRequest } from './access-writes.js';
import { advanced, notifyExecuted } from './notify-executed.js';

// A write still in flight keeps its request in unknown_outcome; only after this long may a call
// or the settle job read the account back (never write again until a read-back said it did not apply).
export const SETTLE_AFTER_MS = 2 * 60_000;

/** What a directory write turned out to be: applied or not, and how the desk learned it. */
export type OutcomeEvent = Extract<AccessRequestEvent, { source: unknown }>;

/** What the account says now; null when the directory cannot be read either (the request stays unknown_outcome). */
export async function readBack(performer: ActionPerformer, connector: DirectoryConnector, loaded: LoadedAccessRequest): Promise<OutcomeEvent | null> {
  try {
    return (await performer.isApplied(connector, loaded))
      ? { type: 'confirm_applied', source: 'read_back' }
      : { type: 'confirm_not_applied', source: 'read_back', reason: 'Read back after the write: the change is not in place' };
  } catch {
    return null;
  }
}

export interface WriteOutcome {
  performer: ActionPerformer;
  event: OutcomeEvent;
  /** The directory's answer; null when the outcome was read back. */
  reply: DirectoryWriteResult | null;
  /** The request's version when the outcome was learned: a request moved since then is a 409, nothing recorded. */
  learnedAtVersion: number;
  origin: MailOrigin;
}

/**
 * Records the outcome of a request's directory write in the caller's transaction: the performer's
 * settle hook (a seat kept or given back), the move out of unknown_outcome with its audit entry,
 * and, once executed, the notices to the person and their manager. Execution and the job that
 * settles stuck requests both record through here, so an outcome reads the same whoever learned it.
 */
export async function recordWriteOutcome(c: AccessContext, fresh: LoadedAccessRequest, outcome: WriteOutcome): Promise<void> {
  const { performer, event, reply } = outcome;
  const loaded = performer.load ? await performer.load(c, fresh) : fresh;
  if (loaded.row.version !== outcome.learnedAtVersion) throw conflict('The request moved while its write was in flight; reload it', allowedNext(loaded.request));
  const next = decide(loaded.request, event, c.now);
  const applied = event.type === 'confirm_applied';
  await performer.settle?.(c, loaded, applied, reply);
  const version = await commitStep(c, loaded, next, { outcome: event.type, source: event.source, ...performer.afterFacts?.(applied, loaded, reply) });
  if (next.state === 'executed') await notifyExecuted(c, advanced(loaded, next, version), outcome.origin);
}
