import { compileRuleSet } from './compile-rule-set.js';
import { contextEvidence } from './evaluate-context.js';
import { findTextMatches } from './match-text.js';
import { normalizeText } from './normalize-text.js';
import type { AccessRequestContext } from './request-context.js';
import type { SignalCategory, SignalRule, SignalRuleSet } from './rule-set-schema.js';

export const SIGNAL_LEVELS = ['low', 'elevated', 'high'] as const;
export type SignalLevel = (typeof SIGNAL_LEVELS)[number];

export interface AccessRequestInput {
  /** What the requester wrote or the agent noted from the call. */
  text: string;
  context: AccessRequestContext;
}

/** One rule that fired, named for the agent. */
export interface DetectedSignal {
  ruleId: string;
  label: string;
  category: SignalCategory;
  weight: number;
  /** The words found (quoted) or the fact, e.g. "phone number of record changed 2 days ago". */
  evidence: string;
}

/** A stricter requirement the request must now meet, and which signals or level asked for it. */
export interface TriggeredRequirement {
  id: string;
  label: string;
  /** Rule ids, or "level:elevated" / "level:high". */
  triggeredBy: string[];
}

export interface SignalScore {
  ruleSetVersion: number;
  score: number;
  level: SignalLevel;
  signals: DetectedSignal[];
  requirements: TriggeredRequirement[];
}

/**
 * Scores an access request for social-engineering signals. Deterministic: the same rule
 * set, text and context give the same result. Each rule counts once however often it
 * matches, and weights are never negative, so adding words or facts never lowers a score.
 */
export function scoreRequest(ruleSet: SignalRuleSet, input: AccessRequestInput): SignalScore {
  const compiled = compileRuleSet(ruleSet);
  const text = normalizeText(input.text);
  const fired: { rule: SignalRule; evidence: string }[] = [];

  for (const textRule of compiled.textRules) {
    const passages = findTextMatches(compiled, textRule, text);
    if (passages.length > 0) fired.push({ rule: textRule.rule, evidence: passages.map((p) => `"${p}"`).join(', ') });
  }
  for (const rule of compiled.contextRules) {
    const evidence = contextEvidence(rule.when, input.context);
    if (evidence !== null) fired.push({ rule, evidence });
  }
  const present = new Set(fired.map((f) => f.rule.category));
  for (const rule of compiled.combinationRules) {
    const seen = rule.categories.filter((c) => present.has(c));
    if (seen.length >= rule.atLeast) fired.push({ rule, evidence: `signals of ${seen.length} kinds together: ${seen.join(', ')}` });
  }

  // Keep the rule set's order so agents always see signals in the same sequence.
  const order = new Map(compiled.ruleSet.rules.map((r, i) => [r.id, i]));
  fired.sort((a, b) => order.get(a.rule.id)! - order.get(b.rule.id)!);

  // Rounded so that weights like 0.1 + 0.2 do not leave float noise in what agents read.
  const score = Math.round(fired.reduce((sum, f) => sum + f.rule.weight, 0) * 1000) / 1000;
  const { levels } = compiled.ruleSet;
  const level: SignalLevel = score >= levels.high.atScore ? 'high' : score >= levels.elevated.atScore ? 'elevated' : 'low';

  const reasons = new Map<string, string[]>();
  const ask = (requirementId: string, because: string) => reasons.set(requirementId, [...(reasons.get(requirementId) ?? []), because]);
  for (const f of fired) f.rule.requires.forEach((id) => ask(id, f.rule.id));
  if (level !== 'low') levels.elevated.requires.forEach((id) => ask(id, 'level:elevated'));
  if (level === 'high') levels.high.requires.forEach((id) => ask(id, 'level:high'));

  return {
    ruleSetVersion: compiled.ruleSet.version,
    score,
    level,
    signals: fired.map(({ rule, evidence }) => ({ ruleId: rule.id, label: rule.label, category: rule.category, weight: rule.weight, evidence })),
    requirements: compiled.ruleSet.requirements
      .filter((r) => reasons.has(r.id))
      .map((r) => ({ id: r.id, label: r.label, triggeredBy: [...new Set(reasons.get(r.id))] })),
  };
}

/** Whether `level` is at least `atLeast` (low < elevated < high). */
export function levelAtLeast(level: SignalLevel, atLeast: SignalLevel): boolean {
  return SIGNAL_LEVELS.indexOf(level) >= SIGNAL_LEVELS.indexOf(atLeast);
}
