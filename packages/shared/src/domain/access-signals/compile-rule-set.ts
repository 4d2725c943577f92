import { normalizeText } from './normalize-text.js';
import { SignalRuleSet, type SignalRule } from './rule-set-schema.js';

export type PhrasePart = { kind: 'word'; stem: string } | { kind: 'one-word' } | { kind: 'gap' };
export type TextRule = Extract<SignalRule, { kind: 'text' }>;
export type ContextRule = Extract<SignalRule, { kind: 'context' }>;
export type CombinationRule = Extract<SignalRule, { kind: 'combination' }>;

export interface CompiledTextRule {
  rule: TextRule;
  /** Phrases keyed by the stem of their first word, so each text word looks up only its candidates. */
  phrasesByFirstStem: Map<string, PhrasePart[][]>;
  pattern: RegExp | null;
}

/** A rule set validated and prepared for matching; built once per rule set object. */
export interface CompiledRuleSet {
  ruleSet: SignalRuleSet;
  textRules: CompiledTextRule[];
  contextRules: ContextRule[];
  combinationRules: CombinationRule[];
  negationBefore: Set<string>;
  negationAfter: Set<string>;
  negationWindow: number;
}

const compiled = new WeakMap<SignalRuleSet, CompiledRuleSet>();

/**
 * Validates and prepares a rule set. The result is cached per object: rule sets are
 * replaced, not mutated, when an admin saves a new version.
 */
export function compileRuleSet(ruleSet: SignalRuleSet): CompiledRuleSet {
  const cached = compiled.get(ruleSet);
  if (cached) return cached;
  // Parsed again here because a rule set read back from storage is only as safe as its check.
  const valid = SignalRuleSet.parse(ruleSet);
  const result: CompiledRuleSet = {
    ruleSet: valid,
    textRules: valid.rules.filter((r): r is TextRule => r.kind === 'text').map(compileTextRule),
    contextRules: valid.rules.filter((r): r is ContextRule => r.kind === 'context'),
    combinationRules: valid.rules.filter((r): r is CombinationRule => r.kind === 'combination'),
    negationBefore: new Set(valid.negation.before.flatMap((cue) => normalizeText(cue).stems)),
    negationAfter: new Set(valid.negation.after.flatMap((cue) => normalizeText(cue).stems)),
    negationWindow: valid.negation.window,
  };
  compiled.set(ruleSet, result);
  return result;
}

function compileTextRule(rule: TextRule): CompiledTextRule {
  const phrasesByFirstStem = new Map<string, PhrasePart[][]>();
  if (rule.match.kind === 'phrases') {
    for (const phrase of rule.match.phrases) {
      const parts = compilePhrase(phrase);
      const first = parts[0];
      if (first?.kind !== 'word') continue;
      const bucket = phrasesByFirstStem.get(first.stem) ?? [];
      bucket.push(parts);
      phrasesByFirstStem.set(first.stem, bucket);
    }
  }
  const pattern = rule.match.kind === 'pattern' ? new RegExp(rule.match.source, 'giu') : null;
  return { rule, phrasesByFirstStem, pattern };
}

/** A phrase as a list of stems and gaps; "e-mail" becomes two words, as it does in request text. */
export function compilePhrase(phrase: string): PhrasePart[] {
  return phrase
    .trim()
    .split(/\s+/)
    .flatMap((part): PhrasePart[] => {
      if (part === '*') return [{ kind: 'one-word' }];
      if (part === '...') return [{ kind: 'gap' }];
      return normalizeText(part).stems.map((stem) => ({ kind: 'word', stem }));
    });
}
