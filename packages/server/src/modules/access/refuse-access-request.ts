import { type AccessContext, commitStep, decide, loadAccessRequestFor } from './access-writes.js';

/** Refuses an open request with a reason; any agent who works the ticket may stop it, without a second factor. */
export async function refuseAccessRequest(c: AccessContext, id: string, reason: string): Promise<void> {
  const loaded = await loadAccessRequestFor(c.tx, c.actor, id, c.expectedVersion);
  const next = decide(loaded.request, { type: 'refuse', byId: `desk:${c.actor.id}`, reason }, c.now);
  await commitStep(c, loaded, next, { reason: next.lastReason });
}
