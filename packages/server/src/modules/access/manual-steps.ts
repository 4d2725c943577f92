import type { DirectoryPersonRow } from '../../db/types.js';

/** The last step of every manual change: the request waits for it (decision 0043). */
export const RECORD_STEP = 'Come back to this request and record that it is done, or that it could not be done and why.';

/** The person as the steps name them: by their directory id first, so the agent finds them by id, never by name. */
export function whoInSteps(target: DirectoryPersonRow): string {
  return `${target.name} (id ${target.immutable_id}${target.email ? `, ${target.email}` : ''})`;
}
