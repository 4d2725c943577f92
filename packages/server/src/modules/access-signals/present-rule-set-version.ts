import { BUILT_IN_RULE_SET_VERSION, type SignalRuleSet, type SignalRuleSetSummary, type SignalRuleSetVersion } from '@deskside/shared';
import type { StoredVersionRow } from './signal-rules-repo.js';

export const BUILT_IN_SUMMARY: SignalRuleSetSummary = {
  version: BUILT_IN_RULE_SET_VERSION,
  builtIn: true,
  note: 'The rules the desk ships with (decision 0028)',
  createdAt: null,
  createdBy: null,
};

/** A stored version's who/when/why, as the API shows it. */
export function presentSummary(row: Omit<StoredVersionRow, 'rule_set'>): SignalRuleSetSummary {
  return {
    version: Number(row.version),
    builtIn: false,
    note: row.note,
    createdAt: new Date(Number(row.created_at)).toISOString(),
    createdBy: row.created_by_id === null ? null : { id: row.created_by_id, name: row.created_by_name ?? 'someone' },
  };
}

export function presentVersion(summary: SignalRuleSetSummary, ruleSet: SignalRuleSet): SignalRuleSetVersion {
  return { ...summary, ruleSet };
}
