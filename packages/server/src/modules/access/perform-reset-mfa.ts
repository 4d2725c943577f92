import { conflict } from '../../errors.js';
import { DirectoryError } from '../directory/index.js';
import { findDirectoryConnection, storedLdapSettings } from '../directory-sync/index.js';
import type { ActionPerformer } from './action-performers.js';
import { allowedNext } from './access-writes.js';

/**
 * Removes every second factor the person enrolled (decision 0041); they enrol again at their next
 * sign-in, with their MFA provider, on their own device. The desk never sees, sets or relays a
 * factor or a code, so an MFA reset can never hand an account to whoever is on the phone.
 */
export const resetMfa: ActionPerformer = {
  async prepare(c, loaded) {
    // Without an MFA attribute the connector could only answer with console steps, and the desk
    // cannot yet record a manual completion: refuse before anything is committed or sent.
    const row = await findDirectoryConnection(c.tx);
    const settings = row ? storedLdapSettings(row) : null;
    if (!settings?.attributes.mfaFactors) {
      throw conflict(
        "This directory connection names no MFA attribute, so the desk cannot clear the person's factors; reset them in your MFA provider's console",
        allowedNext(loaded.request),
      );
    }
  },
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
