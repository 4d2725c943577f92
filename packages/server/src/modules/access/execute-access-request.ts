import type { Logger } from 'pino';
import type { Db } from '../../db/connect.js';
import { conflict } from '../../errors.js';
import type { DirectoryWriteResult } from '../directory/index.js';
import { actionConnectorFor, findDirectoryConnection } from '../directory-sync/index.js';
import type { Actor } from '../identity/index.js';
import type { MailOrigin } from '../mail/index.js';
import { performerFor } from './action-performers.js';
import { type AccessContext, allowedNext, commitStep, decide, loadAccessRequestFor, loadForAct } from './access-writes.js';
import { issueResetLink } from './issue-reset-link.js';
import { manualStepsFor, storeManualSteps, waitingSteps } from './manual-execution.js';
import { advanced, notifyExecuted } from './notify-executed.js';
import { readBack, recordWriteOutcome, SETTLE_AFTER_MS } from './record-outcome.js';

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

/**
 * Executes a request. A password reset writes no password: it issues a single-use link to the
 * user (issue-reset-link.ts). Every other action commits unknown_outcome first, then sends its
 * one directory write (its performer, action-performers.ts), then records executed, or reads the
 * account back when the reply was lost. A replay or a second concurrent call finds the state
 * moved and gets a 409 without touching the directory. A change made by hand (a manual directory,
 * a ledger-only licence pool, an MFA reset without an MFA attribute; decision 0043) commits its
 * console steps with unknown_outcome and waits for the agent's record of it.
 */
export async function executeAccessRequest(deps: ExecuteDeps, input: ExecuteInput): Promise<void> {
  const started = await deps.db.transaction().execute(async (tx) => {
    const c: AccessContext = { tx, actor: input.actor, now: deps.now(), sourceIp: input.sourceIp, expectedVersion: input.expectedVersion };
    const found = await loadForAct(c, input.id);
    // Made by hand: only the agent's record settles it (record-manual-completion.ts), never a read-back.
    if (waitingSteps(found)) throw conflict('This change waits for the agent to make it in the native console and record it', allowedNext(found.request));
    const connection = await findDirectoryConnection(tx);
    const connector = connection ? actionConnectorFor(tx, connection, deps.secretKey, deps.log) : null;
    if (!connector) throw conflict('No directory connection is set up; an admin sets one up in Admin > Directory', []);
    if (found.request.action.type === 'reset_password' && connector.kind !== 'manual') {
      await notifyExecuted(c, await issueResetLink(c, found, deps.origin), deps.origin);
      return null;
    }
    const performer = performerFor(found.request.action.type, connector.kind === 'manual');
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
    const steps = await manualStepsFor(performer, connector, loaded);
    const version = await commitStep(c, loaded, next, { write: steps ? 'by hand' : 'started', attempt: String(next.executionAttempts) });
    if (steps) {
      // Nothing is sent: the steps and the start commit together, so no crash can leave a manual change to a read-back.
      await storeManualSteps(c, advanced(loaded, next, version), steps);
      return null;
    }
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
  if (reply?.outcome === 'manual') {
    // A directory that answered with steps after all: the agent makes the change and records it; nothing is read back.
    const steps = reply.instructions;
    await deps.db.transaction().execute(async (tx) => {
      const c: AccessContext = { tx, actor: input.actor, now: deps.now(), sourceIp: input.sourceIp };
      const fresh = await loadAccessRequestFor(tx, input.actor, input.id);
      if (fresh.row.version !== started.version) throw conflict('The request moved while its write was in flight; reload it', allowedNext(fresh.request));
      await storeManualSteps(c, fresh, steps);
    });
    return;
  }
  const event = reply ? ({ type: 'confirm_applied', source: 'directory_reply' } as const) : await readBack(performer, connector, loaded);
  if (!event) return;

  await deps.db.transaction().execute(async (tx) => {
    const c: AccessContext = { tx, actor: input.actor, now: deps.now(), sourceIp: input.sourceIp };
    const fresh = await loadAccessRequestFor(tx, input.actor, input.id);
    await recordWriteOutcome(c, fresh, { performer, event, reply, learnedAtVersion: started.version, origin: deps.origin });
  });
}
