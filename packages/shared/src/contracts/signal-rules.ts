import { z } from 'zod';
import { AccessRequestContext } from '../domain/access-signals/request-context.js';
import { SIGNAL_CATEGORIES, SignalRuleSet } from '../domain/access-signals/rule-set-schema.js';
import { SIGNAL_LEVELS } from '../domain/access-signals/score-request.js';
import { Id, IsoDateTime, Text } from './common.js';

/** Version 0 is the built-in default rule set, in force until an admin publishes version 1. */
export const BUILT_IN_RULE_SET_VERSION = 0;

/** One published version of the signal rules, without its rules. */
export const SignalRuleSetSummary = z.object({
  version: z.number().int().min(0),
  builtIn: z.boolean().describe('The rules the desk ships with (version 0), never stored'),
  note: z.string(),
  createdAt: IsoDateTime.nullable(),
  createdBy: z.object({ id: Id, name: z.string() }).nullable(),
});
export type SignalRuleSetSummary = z.infer<typeof SignalRuleSetSummary>;

export const SignalRuleSetVersion = SignalRuleSetSummary.extend({ ruleSet: SignalRuleSet });
export type SignalRuleSetVersion = z.infer<typeof SignalRuleSetVersion>;

/** The rules in force and every version, newest first (the built-in one last). */
export const SignalRulesOverview = z.object({ active: SignalRuleSetVersion, versions: z.array(SignalRuleSetSummary) });
export type SignalRulesOverview = z.infer<typeof SignalRulesOverview>;

export const SignalRuleSetVersionRef = z.object({ version: z.coerce.number().int().min(0) });

// The draft is checked by the use case (422 naming each field under `ruleSet.`), so the
// same validation serves publishing, evaluating and anything else that stores rules.
const Draft = z.unknown().describe('A SignalRuleSet (see decision 0028); its "version" is replaced by the number it is published as');

/** Publishing a new version; send If-Match with the active version you edited. */
export const PublishSignalRuleSetBody = z.strictObject({ ruleSet: Draft, note: Text(500) });
export type PublishSignalRuleSetBody = z.infer<typeof PublishSignalRuleSetBody>;

export const EvaluateSignalRuleSetBody = z.strictObject({ ruleSet: Draft });
export type EvaluateSignalRuleSetBody = z.infer<typeof EvaluateSignalRuleSetBody>;

const Level = z.enum(SIGNAL_LEVELS);

/** Precision and recall of "level is elevated or high" on one part of the labelled corpus. */
export const CorpusMeasure = z.object({
  requests: z.number().int(),
  truePositives: z.number().int(),
  falsePositives: z.number().int(),
  trueNegatives: z.number().int(),
  falseNegatives: z.number().int(),
  precision: z.number(),
  recall: z.number(),
  /** Ids of the requests it gets wrong. */
  misses: z.array(z.string()),
});
export type CorpusMeasure = z.infer<typeof CorpusMeasure>;

export const CorpusMeasures = z.object({ tuning: CorpusMeasure, holdout: CorpusMeasure, all: CorpusMeasure });
export type CorpusMeasures = z.infer<typeof CorpusMeasures>;

/** A corpus request whose level differs between the active rules and the draft. */
export const ChangedVerdict = z.object({
  id: z.string(),
  label: z.enum(['hostile', 'legitimate']),
  text: z.string(),
  note: z.string(),
  before: z.object({ level: Level, score: z.number() }),
  after: z.object({ level: Level, score: z.number() }),
  /** Whether the draft now gets it right (flagged when hostile, not flagged when legitimate). */
  nowCorrect: z.boolean(),
});
export type ChangedVerdict = z.infer<typeof ChangedVerdict>;

export const SignalRuleSetEvaluation = z.object({
  comparedWithVersion: z.number().int().min(0),
  draft: CorpusMeasures,
  active: CorpusMeasures,
  changed: z.array(ChangedVerdict),
});
export type SignalRuleSetEvaluation = z.infer<typeof SignalRuleSetEvaluation>;

export const ScoreAccessRequestBody = z.strictObject({
  text: z.string().max(20_000),
  context: AccessRequestContext.default({}),
});
export type ScoreAccessRequestBody = z.input<typeof ScoreAccessRequestBody>;

export const SignalScoreView = z.object({
  ruleSetVersion: z.number().int().min(0),
  score: z.number(),
  level: Level,
  signals: z.array(
    z.object({ ruleId: z.string(), label: z.string(), category: z.enum(SIGNAL_CATEGORIES), weight: z.number(), evidence: z.string() }),
  ),
  requirements: z.array(z.object({ id: z.string(), label: z.string(), triggeredBy: z.array(z.string()) })),
});
export type SignalScoreView = z.infer<typeof SignalScoreView>;
