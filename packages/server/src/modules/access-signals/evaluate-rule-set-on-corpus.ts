import {
  type ChangedVerdict,
  type CorpusMeasure,
  type CorpusMeasures,
  type LabelledAccessRequest,
  SIGNAL_CORPUS,
  SIGNAL_HOLDOUT_CORPUS,
  SIGNAL_TUNING_CORPUS,
  type SignalRuleSet,
  type SignalRuleSetEvaluation,
  evaluateSignalCorpus,
  levelAtLeast,
  scoreRequest,
} from '@deskside/shared';
import type { Db } from '../../db/connect.js';
import { getActiveRuleSet } from './get-active-rule-set.js';
import { validateRuleSet } from './validate-rule-set.js';

function measure(ruleSet: SignalRuleSet, corpus: readonly LabelledAccessRequest[]): CorpusMeasure {
  const { matrix, misses } = evaluateSignalCorpus(ruleSet, corpus);
  return { requests: corpus.length, ...matrix, misses: misses.map((m) => m.id) };
}

function measures(ruleSet: SignalRuleSet): CorpusMeasures {
  return { tuning: measure(ruleSet, SIGNAL_TUNING_CORPUS), holdout: measure(ruleSet, SIGNAL_HOLDOUT_CORPUS), all: measure(ruleSet, SIGNAL_CORPUS) };
}

// The active set's figures only change with a new version: kept per rule set object.
const activeMeasures = new WeakMap<SignalRuleSet, CorpusMeasures>();

/**
 * Precision and recall of a draft on the labelled corpus (tuning and hold-out apart), next
 * to the active version's, and the requests whose level the draft changes. Writes nothing.
 */
export async function evaluateRuleSetOnCorpus(db: Db, draft: unknown): Promise<SignalRuleSetEvaluation> {
  const active = await getActiveRuleSet(db);
  const ruleSet = validateRuleSet(draft, active.version + 1);
  const before = activeMeasures.get(active.ruleSet) ?? measures(active.ruleSet);
  activeMeasures.set(active.ruleSet, before);

  const changed: ChangedVerdict[] = [];
  for (const item of SIGNAL_CORPUS) {
    const was = scoreRequest(active.ruleSet, { text: item.text, context: item.context });
    const now = scoreRequest(ruleSet, { text: item.text, context: item.context });
    if (was.level === now.level) continue;
    changed.push({
      id: item.id,
      label: item.label,
      text: item.text,
      note: item.note,
      before: { level: was.level, score: was.score },
      after: { level: now.level, score: now.score },
      nowCorrect: levelAtLeast(now.level, 'elevated') === (item.label === 'hostile'),
    });
  }
  return { comparedWithVersion: active.version, draft: measures(ruleSet), active: before, changed };
}
