import { type AccessRequestInput, type SignalScore, scoreRequest } from '@deskside/shared';
import type { Db, Tx } from '../../db/connect.js';
import { getActiveRuleSet } from './get-active-rule-set.js';

/** Scores a request's text and context with the rules in force; `ruleSetVersion` names the desk's version used. */
export async function scoreAccessRequest(q: Db | Tx, input: AccessRequestInput): Promise<SignalScore> {
  const active = await getActiveRuleSet(q);
  // The built-in set carries its own number inside; the desk's history calls it version 0.
  return { ...scoreRequest(active.ruleSet, input), ruleSetVersion: active.version };
}
