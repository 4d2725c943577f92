import { conflict } from '../../errors.js';
import { DirectoryError } from '../directory/index.js';
import type { ActionPerformer } from './action-performers.js';
import { allowedNext } from './access-writes.js';
import { RECORD_STEP, whoInSteps } from './manual-steps.js';

const DAY = 24 * 60 * 60 * 1000;

/**
 * A password reset on a manual directory (decision 0043). The desk cannot set a password there,
 * so its own single-use link would lead nowhere. The agent starts the directory's own reset,
 * which sends the person a single-use link or code at their e-mail address of record and makes
 * them choose the password at their next sign-in; the agent never chooses, types or sees one.
 * The same channel rule as the desk's link applies: an address changed within the quiet days is
 * not a verified channel.
 */
export const manualPasswordReset: ActionPerformer = {
  async prepare(c, loaded) {
    const { target, request } = loaded;
    if (!target.email) throw conflict('There is no e-mail address of record for this person, so the reset cannot reach them through a verified channel', allowedNext(request));
    const quietDays = request.requirements.callbackQuietDays;
    if (c.now - target.email_changed_at < quietDays * DAY) {
      throw conflict(`The e-mail address of record changed less than ${quietDays} days ago, so it is not a verified channel for a reset`, allowedNext(request));
    }
  },
  byHand: (_connector, loaded) => [
    `Open the directory's admin console and find ${whoInSteps(loaded.target)} by that id, not by name.`,
    `Start the console's own password reset that sends the person a single-use link or temporary code at their e-mail address of record, ${loaded.target.email ?? '(none)'}, and requires a new password at their next sign-in. If the console would send it to any other address or number, stop: the reset could not be done.`,
    'Do not choose, type, read or pass on a password or a code. The person sets their own password, on their own device.',
    RECORD_STEP,
  ],
  write: () => Promise.reject(new DirectoryError('rejected', 'a password reset on a manual directory is made in its console')),
  isApplied: () => Promise.reject(new DirectoryError('rejected', 'only the agent can tell whether a reset was started in the console')),
  done: (loaded) =>
    `The IT service desk started a password reset for ${loaded.target.name} in the directory's console. ` +
    'A message from the directory with a single-use link or code was sent to their e-mail address of record; they choose the new password themselves.',
  afterFacts: (applied) => ({ resetStartedInConsole: applied }),
};
