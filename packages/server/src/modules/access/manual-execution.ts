import { conflict } from '../../errors.js';
import { appendAuditEntry } from '../audit/index.js';
import type { DirectoryConnector } from '../directory/index.js';
import type { ActionPerformer } from './action-performers.js';
import { type AccessContext, allowedNext, auditEntryFor, type LoadedAccessRequest } from './access-writes.js';

/**
 * The console steps when this execution is made by hand (decision 0043), null when the directory
 * writes it. A performer's own steps come first (a ledger-only licence pool, an MFA reset without
 * an MFA attribute); on a manual directory the connector's write answers with them and changes
 * nothing, so asking it inside the starting transaction sends nothing anywhere.
 */
export async function manualStepsFor(performer: ActionPerformer, connector: DirectoryConnector, loaded: LoadedAccessRequest): Promise<string[] | null> {
  const own = performer.byHand?.(connector, loaded) ?? null;
  if (own) return own;
  if (connector.kind !== 'manual') return null;
  const { action } = loaded.request;
  // The desk removes a time-bound membership at its end through the directory; a manual one cannot.
  if (action.type === 'add_group_member' && action.expiresAt !== null) {
    throw conflict('A manual directory cannot end a membership on its own at a date; refuse this request and open one without an end date', allowedNext(loaded.request));
  }
  const reply = await performer.write(connector, loaded);
  if (reply.outcome !== 'manual') throw new Error(`a manual directory answered ${action.type} with ${reply.outcome}`);
  return reply.instructions;
}

/**
 * Keeps the steps on the request and records in the audit chain that they were shown to this
 * agent, in the caller's transaction. The request stays unknown_outcome: nothing is read back
 * and nobody is told anything until the agent records the change (record-manual-completion.ts).
 */
export async function storeManualSteps(c: AccessContext, loaded: LoadedAccessRequest, steps: string[]): Promise<void> {
  await c.tx.updateTable('access_requests').set({ manual_steps: JSON.stringify(steps), updated_at: c.now }).where('id', '=', loaded.row.id).execute();
  const entry = await auditEntryFor(c, loaded, loaded.request, { write: 'by hand in the native console', instructionsShownTo: `${c.actor.name} (desk:${c.actor.id})` });
  await appendAuditEntry(c.tx, { ...entry, after: { ...entry.after, manualSteps: steps } });
}

/** The steps a request waits on; null when its write went to the directory (or it is not waiting). */
export function waitingSteps(loaded: Pick<LoadedAccessRequest, 'row' | 'request'>): string[] | null {
  if (loaded.request.state !== 'unknown_outcome' || loaded.row.manual_steps === null) return null;
  return JSON.parse(loaded.row.manual_steps) as string[];
}
