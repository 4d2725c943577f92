import type { AccessRequestContext } from './request-context.js';
import type { SignalRuleSet } from './rule-set-schema.js';
import { levelAtLeast, scoreRequest, type SignalLevel } from './score-request.js';

/** A request from the test corpus, labelled by the person who wrote it. */
export interface LabelledAccessRequest {
  id: string;
  label: 'hostile' | 'legitimate';
  text: string;
  context: AccessRequestContext;
  /** What the example stands for (the pretext, or the ordinary situation). */
  note: string;
}

export interface ConfusionMatrix {
  truePositives: number;
  falsePositives: number;
  trueNegatives: number;
  falseNegatives: number;
  /** Of the requests flagged, the share that were hostile (1 when nothing was flagged). */
  precision: number;
  /** Of the hostile requests, the share that were flagged (1 when there were none). */
  recall: number;
}

export interface CorpusMiss {
  id: string;
  label: 'hostile' | 'legitimate';
  level: SignalLevel;
  score: number;
  note: string;
}

export interface CorpusEvaluation {
  /** "Flagged" means a level of at least this. */
  flagAt: SignalLevel;
  matrix: ConfusionMatrix;
  /** False positives and false negatives, for the report. */
  misses: CorpusMiss[];
}

/** Counts and rates from pairs of (is hostile, was flagged). */
export function confusionMatrix(outcomes: readonly { hostile: boolean; flagged: boolean }[]): ConfusionMatrix {
  let truePositives = 0;
  let falsePositives = 0;
  let trueNegatives = 0;
  let falseNegatives = 0;
  for (const { hostile, flagged } of outcomes) {
    if (hostile && flagged) truePositives += 1;
    else if (!hostile && flagged) falsePositives += 1;
    else if (!hostile) trueNegatives += 1;
    else falseNegatives += 1;
  }
  const flagged = truePositives + falsePositives;
  const hostile = truePositives + falseNegatives;
  return {
    truePositives,
    falsePositives,
    trueNegatives,
    falseNegatives,
    precision: flagged === 0 ? 1 : truePositives / flagged,
    recall: hostile === 0 ? 1 : truePositives / hostile,
  };
}

/** Scores every corpus request and measures how well "level >= flagAt" separates hostile from legitimate. */
export function evaluateSignalCorpus(
  ruleSet: SignalRuleSet,
  corpus: readonly LabelledAccessRequest[],
  flagAt: SignalLevel = 'elevated',
): CorpusEvaluation {
  const scored = corpus.map((item) => {
    const result = scoreRequest(ruleSet, { text: item.text, context: item.context });
    return { item, result, flagged: levelAtLeast(result.level, flagAt) };
  });
  return {
    flagAt,
    matrix: confusionMatrix(scored.map((s) => ({ hostile: s.item.label === 'hostile', flagged: s.flagged }))),
    misses: scored
      .filter((s) => s.flagged !== (s.item.label === 'hostile'))
      .map((s) => ({ id: s.item.id, label: s.item.label, level: s.result.level, score: s.result.score, note: s.item.note })),
  };
}
