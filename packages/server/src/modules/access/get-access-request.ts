import type { AccessRequestView } from '@deskside/shared';
import { type AccessContext, commitStep, decide, loadAccessRequestFor } from './access-writes.js';
import { presentAccessRequest } from './present-access-request.js';

/** One request for the staff who work its ticket; a request past its lifetime is expired here, on read. */
export async function getAccessRequest(c: AccessContext, id: string): Promise<AccessRequestView> {
  let loaded = await loadAccessRequestFor(c.tx, c.actor, id);
  const open = ['requested', 'verified', 'approved'].includes(loaded.request.state);
  if (open && c.now >= loaded.request.expiresAt) {
    await commitStep(c, loaded, decide(loaded.request, { type: 'expire' }, c.now), { reason: 'expired' });
    loaded = await loadAccessRequestFor(c.tx, c.actor, id);
  }
  return presentAccessRequest(loaded, c.now);
}
