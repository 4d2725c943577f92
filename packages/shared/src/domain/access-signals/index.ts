export { AccessRequestContext, NUMERIC_CONTEXT_FIELDS, FLAG_CONTEXT_FIELDS } from './request-context.js';
export type { NumericContextField, FlagContextField } from './request-context.js';
export {
  SIGNAL_CATEGORIES,
  SignalRuleSet,
  SignalRule,
  SignalRequirement,
  TextMatcher,
  ContextPredicate,
  MAX_PHRASE_LENGTH,
  MAX_PHRASE_WORDS,
  MAX_PHRASES_PER_RULE,
  PHRASE_GAP_WORDS,
} from './rule-set-schema.js';
export type { SignalCategory, SignalRuleSetInput } from './rule-set-schema.js';
export { MAX_PATTERN_LENGTH, MAX_PATTERN_REPEAT, MAX_PATTERN_CHOICES, patternProblem } from './safe-pattern.js';
export { DEFAULT_SIGNAL_RULE_SET } from './default-rule-set.js';
export { scoreRequest, levelAtLeast, SIGNAL_LEVELS } from './score-request.js';
export type { AccessRequestInput, DetectedSignal, SignalLevel, SignalScore, TriggeredRequirement } from './score-request.js';
export { confusionMatrix, evaluateSignalCorpus } from './confusion-matrix.js';
export type { ConfusionMatrix, CorpusEvaluation, CorpusMiss, LabelledAccessRequest } from './confusion-matrix.js';
export { SIGNAL_CORPUS, SIGNAL_TUNING_CORPUS, SIGNAL_HOLDOUT_CORPUS } from './corpus/signal-corpus.js';
