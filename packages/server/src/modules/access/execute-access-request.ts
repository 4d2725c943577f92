import type { AccessRequestEvent } from '@deskside/shared';
import type { Logger } from 'pino';
import type { Db } from '../../db/connect.js';
import { conflict } from '../../errors.js';
import type { DirectoryConnector, DirectoryWriteResult } from '../directory/index.js';
import { connectorFor, findDirectoryConnection } from '../directory-sync/index.js';
import type { Actor } from '../identity/index.js';
import type { MailOrigin } from '../mail/index.js';
import { type ActionPerformer, performerFor } from './action-performers.js';
import { type AccessContext, allowedNext, commitStep, decide, type LoadedAccessRequest, loadAccessRequestFor, loadForAct } from './access-writes.js';
import { issueResetLink } from './issue-reset-link.js';
import { advanced, notifyExecuted } from './notify-executed.js';

export interface ExecuteDeps {
  db: Db;
  secretKey: string | undefined;
  log: Logger;
  now: () => number;
  /** Where the reset link and the notices after execution are sent from. */
  origin: MailOrigin;
}

export interface ExecuteInput {
  actor: Actor;
  id: string;
  sourceIp: string | null;
  expectedVersion?: number;
}

// A write still in flight keeps its request in unknown_outcome; only after this long may a call
// read the account back to settle it (never write again until a read-back said it did not apply).
const SETTLE_AFTER_MS = 2 * 60_000;

/**
 * Executes a request. A password reset writes no password: it issues a single-use link to the
 * user (issue-reset-link.ts). Every other action commits unknown_outcome first, then sends its
 * one directory write (its performer, action-performers.ts), then records executed, or reads the
 * account back when the reply was lost. A replay or a second concurrent call finds the state
 * moved and gets a 409 without touching the directory.
 */
export async function executeAccessRequest(deps: ExecuteDeps, input: ExecuteInput): Promise<void> {
  const started = await deps.db.transaction().execute(async (tx) => {
    const c: AccessContext = { tx, actor: input.actor, now: deps.now(), sourceIp: input.sourceIp, expectedVersion: input.expectedVersion };
    const found = await loadForAct(c, input.id);
    const connection = await findDirectoryConnection(tx);
    const connector = connection ? connectorFor(connection, deps.secretKey, deps.log) : null;
    if (!connector) throw conflict('No directory connection can perform this action; the manual path is not built yet', []);
    if (found.request.action.type === 'reset_password') {
      await notifyExecuted(c, await issueResetLink(c, found, deps.origin), deps.origin);
      return null;
    }
    const performer = performerFor(found.request.action.type);
    if (!performer) throw conflict(`The desk cannot perform ${found.request.action.type} yet`, allowedNext(found.request));
    const loaded = performer.load ? await performer.load(c, found) : found;
    if (loaded.request.state === 'unknown_outcome') {
      if (c.now - loaded.row.updated_at < SETTLE_AFTER_MS) {
        throw conflict('The directory write for this request is still being settled; reload in a moment', allowedNext(loaded.request));
      }
      return { connector, performer, loaded, version: loaded.row.version, write: false };
    }
    const next = decide(loaded.request, { type: 'start_execution' }, c.now);
    await performer.prepare?.(c, loaded);
    const version = await commitStep(c, loaded, next, { write: 'started', attempt: String(next.executionAttempts) });
    return { connector, performer, loaded, version, write: true };
  });
  if (!started) return;

  const { connector, performer, loaded } = started;
  let reply: DirectoryWriteResult | null = null;
  if (started.write) {
    try {
      reply = await performer.write(connector, loaded);
    } catch (error) {
      deps.log.warn({ err: error, accessRequest: input.id, action: loaded.request.action.type }, 'directory write failed or its outcome is unknown; reading the account back');
    }
  }
  const event = reply && reply.outcome !== 'manual' ? ({ type: 'confirm_applied', source: 'directory_reply' } as const) : await readBack(performer, connector, loaded);
  if (!event) return;

  await deps.db.transaction().execute(async (tx) => {
    const c: AccessContext = { tx, actor: input.actor, now: deps.now(), sourceIp: input.sourceIp };
    const fresh = await loadAccessRequestFor(tx, input.actor, input.id);
    const loaded = performer.load ? await performer.load(c, fresh) : fresh;
    if (loaded.row.version !== started.version) throw conflict('The request moved while its write was in flight; reload it', allowedNext(loaded.request));
    const next = decide(loaded.request, event, c.now);
    const applied = event.type === 'confirm_applied';
    await performer.settle?.(c, loaded, applied, reply);
    const version = await commitStep(c, loaded, next, { outcome: event.type, source: event.source, ...performer.afterFacts?.(applied, loaded, reply) });
    if (next.state === 'executed') await notifyExecuted(c, advanced(loaded, next, version), deps.origin);
  });
}

/** What the account says now; null when the directory cannot be read either (the request stays unknown_outcome). */
async function readBack(
  performer: ActionPerformer,
  connector: DirectoryConnector,
  loaded: LoadedAccessRequest,
): Promise<Extract<AccessRequestEvent, { source: unknown }> | null> {
  try {
    return (await performer.isApplied(connector, loaded))
      ? { type: 'confirm_applied', source: 'read_back' }
      : { type: 'confirm_not_applied', source: 'read_back', reason: 'Read back after the write: the change is not in place' };
  } catch {
    return null;
  }
}
