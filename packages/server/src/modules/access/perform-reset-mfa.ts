import { DirectoryError, mfaResetSteps } from '../directory/index.js';
import type { ActionPerformer } from './action-performers.js';
import { RECORD_STEP, whoInSteps } from './manual-steps.js';

const MFA_CONSOLE = "your MFA provider's admin console";

/**
 * Removes every second factor the person enrolled (decision 0041); they enrol again at their next
 * sign-in, with their MFA provider, on their own device. The desk never sees, sets or relays a
 * factor or a code, so an MFA reset can never hand an account to whoever is on the phone.
 */
export const resetMfa: ActionPerformer = {
  // Without an MFA attribute the directory cannot clear factors: the agent does it in the MFA
  // provider's console and records it (decision 0043). The capability set says which it is.
  byHand: (connector, loaded) =>
    connector.kind !== 'manual' && !connector.capabilities.has('reset_mfa') ? [...mfaResetSteps(MFA_CONSOLE, whoInSteps(loaded.target)), RECORD_STEP] : null,
  write: (connector, loaded) => connector.resetMfa(loaded.target.immutable_id),
  async isApplied(connector, loaded) {
    const left = await connector.hasMfaFactors(loaded.target.immutable_id);
    // "Cannot tell" must not settle the request either way: it stays unknown_outcome.
    if (left === null) throw new DirectoryError('rejected', 'this directory cannot tell whether factors are left');
    return !left;
  },
  done: (loaded) =>
    `Every two-factor sign-in method (authenticator app, phone, security key) registered for ${loaded.target.name} was removed. ` +
    'At the next sign-in they will be asked to register a new one on their own device. ' +
    'Nobody from the IT service desk will ever ask for a sign-in code or a password, by phone, chat or e-mail.',
  afterFacts: (applied) => ({ mfaFactorsRemoved: applied }),
};
