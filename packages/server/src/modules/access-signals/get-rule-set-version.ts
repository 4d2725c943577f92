import { BUILT_IN_RULE_SET_VERSION, DEFAULT_SIGNAL_RULE_SET, type SignalRuleSetVersion } from '@deskside/shared';
import type { Db } from '../../db/connect.js';
import { notFound } from '../../errors.js';
import { loadStoredVersion } from './get-active-rule-set.js';
import { BUILT_IN_SUMMARY, presentVersion } from './present-rule-set-version.js';
import { findStoredVersion } from './signal-rules-repo.js';

/** One version with its rules; 0 is the built-in set. */
export async function getRuleSetVersion(db: Db, version: number): Promise<SignalRuleSetVersion> {
  if (version === BUILT_IN_RULE_SET_VERSION) return presentVersion(BUILT_IN_SUMMARY, DEFAULT_SIGNAL_RULE_SET);
  if (!(await findStoredVersion(db, version))) throw notFound('signal rule set version');
  const loaded = await loadStoredVersion(db, version);
  return presentVersion(loaded.summary, loaded.ruleSet);
}
