import type { AccessRequestEvent } from '@deskside/shared';
import { conflict } from '../../errors.js';
import type { MailOrigin } from '../mail/index.js';
import { performerFor } from './action-performers.js';
import { type AccessContext, allowedNext, commitStep, decide, loadForAct } from './access-writes.js';
import { waitingSteps } from './manual-execution.js';
import { advanced, notifyExecuted } from './notify-executed.js';

export interface ManualCompletion {
  /** True: the steps were done in the native console; false: they could not be done. */
  done: boolean;
  /** What was done, or why it could not be; audited, so never a password or a code. */
  note: string;
}

/**
 * The agent records a change they made by hand in the native console (decision 0043), or that it
 * could not be made. Done: executed, the performer settles it as applied (a licence seat is kept,
 * a reclaimed one released), and the person and their manager are told, as after every action.
 * Not done: back to the ready state with the note as the reason, the performer gives back what it
 * claimed, and the request may be executed again through the gate. Only a request whose write was
 * manual may be recorded this way; one whose write went to the directory is settled by the
 * directory's reply or a read-back, never by anyone's word (409). Staff who work the ticket, with a
 * recent second factor, as for every identity act; one transaction with its audit entry.
 */
export async function recordManualCompletion(c: AccessContext, id: string, input: ManualCompletion, origin: MailOrigin): Promise<void> {
  const found = await loadForAct(c, id);
  if (found.request.state === 'unknown_outcome' && !waitingSteps(found)) {
    throw conflict('This change was sent to the directory: only its reply or a read-back settles it, never a record by hand', allowedNext(found.request));
  }
  const note = input.note.trim();
  const event: AccessRequestEvent = input.done
    ? { type: 'confirm_applied', source: 'agent_recorded' }
    : { type: 'confirm_not_applied', source: 'agent_recorded', reason: `Could not be done in the console: ${note}` };
  // Out of order (not waiting for the agent) is the machine's 409, with the states it allows.
  const next = decide(found.request, event, c.now);
  const performer = performerFor(found.request.action.type, true);
  if (!performer) throw conflict(`The desk cannot perform ${found.request.action.type} yet`, allowedNext(found.request));
  const loaded = performer.load ? await performer.load(c, found) : found;
  await performer.settle?.(c, loaded, input.done, null);
  const version = await commitStep(c, loaded, next, {
    outcome: event.type, source: event.source, recordedBy: `${c.actor.name} (desk:${c.actor.id})`, note: note || null,
    ...performer.afterFacts?.(input.done, loaded, null),
  });
  if (!input.done) {
    // Back in the ready state: a new execution shows new steps (or goes to the directory).
    await c.tx.updateTable('access_requests').set({ manual_steps: null }).where('id', '=', loaded.row.id).execute();
    return;
  }
  await notifyExecuted(c, advanced(loaded, next, version), origin);
}
