import { BUILT_IN_RULE_SET_VERSION, DEFAULT_SIGNAL_RULE_SET, SignalRuleSet, type SignalRuleSetSummary } from '@deskside/shared';
import type { Db, Tx } from '../../db/connect.js';
import { BUILT_IN_SUMMARY, presentSummary } from './present-rule-set-version.js';
import { findStoredVersion, newestStoredVersion } from './signal-rules-repo.js';

/** The rules in force: the newest stored version, or the built-in set (version 0). */
export interface ActiveRuleSet {
  version: number;
  ruleSet: SignalRuleSet;
  summary: SignalRuleSetSummary;
}

const BUILT_IN: ActiveRuleSet = { version: BUILT_IN_RULE_SET_VERSION, ruleSet: DEFAULT_SIGNAL_RULE_SET, summary: BUILT_IN_SUMMARY };

// Stored versions never change (append-only, triggers), so a parsed version can be kept
// forever; what may change is which one is newest, and that is asked of the database on
// every call (one indexed read), so a version published on any node is in force on every
// node at its next call. Keeping the same object also keeps the scorer's compiled cache.
// Cached per database handle only: a transaction is short-lived and may see uncommitted rows.
const parsed = new WeakMap<Db | Tx, Map<number, ActiveRuleSet>>();
const KEEP = 4;

/** The rule set in force now, with its version number. */
export async function getActiveRuleSet(q: Db | Tx): Promise<ActiveRuleSet> {
  const newest = await newestStoredVersion(q);
  if (newest === null) return BUILT_IN;
  return loadStoredVersion(q, newest);
}

/** One stored version, parsed and re-validated (a row read back is checked like a draft). */
export async function loadStoredVersion(q: Db | Tx, version: number): Promise<ActiveRuleSet> {
  const cache = parsed.get(q) ?? new Map<number, ActiveRuleSet>();
  if (!q.isTransaction) parsed.set(q, cache);
  const hit = cache.get(version);
  if (hit) return hit;
  const row = await findStoredVersion(q, version);
  if (!row) throw new Error(`signal rule set version ${version} vanished`);
  const loaded: ActiveRuleSet = { version, ruleSet: SignalRuleSet.parse(JSON.parse(row.rule_set)), summary: presentSummary(row) };
  cache.set(version, loaded);
  // Oldest first in insertion order: drop it when more are kept than ever needed at once.
  if (cache.size > KEEP) cache.delete(cache.keys().next().value!);
  return loaded;
}
