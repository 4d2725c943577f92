import type { SignalRulesOverview } from '@deskside/shared';
import type { Db } from '../../db/connect.js';
import { getActiveRuleSet } from './get-active-rule-set.js';
import { BUILT_IN_SUMMARY, presentSummary, presentVersion } from './present-rule-set-version.js';
import { listStoredVersions } from './signal-rules-repo.js';

/** The rules in force and the history of versions, newest first, the built-in set last. */
export async function listRuleSetVersions(db: Db): Promise<SignalRulesOverview> {
  const active = await getActiveRuleSet(db);
  const stored = await listStoredVersions(db);
  return {
    active: presentVersion(active.summary, active.ruleSet),
    versions: [...stored.map(presentSummary), BUILT_IN_SUMMARY],
  };
}
