import { z } from 'zod';
import { WEEKDAYS } from '../calendar/index.js';
import { normalizeText } from './normalize-text.js';
import { FLAG_CONTEXT_FIELDS, NUMERIC_CONTEXT_FIELDS } from './request-context.js';
import { patternProblem } from './safe-pattern.js';

/** What kind of pressure or risk a rule looks for; the agent's view groups signals by it. */
export const SIGNAL_CATEGORIES = [
  'urgency',
  'authority',
  'secrecy',
  'new-contact',
  'secret-handover',
  'bypass-checks',
  'impersonation',
  'recent-contact-change',
  'privileged-target',
  'after-hours',
  'repeated-attempts',
  'repeat-mfa-reset',
  'combined-pressure',
] as const;
export type SignalCategory = (typeof SIGNAL_CATEGORIES)[number];

export const MAX_PHRASE_LENGTH = 80;
export const MAX_PHRASE_WORDS = 12;
export const MAX_PHRASES_PER_RULE = 200;
/** "*" stands for exactly one word; "..." for up to this many. */
export const PHRASE_GAP_WORDS = 3;
const MAX_GAPS_PER_PHRASE = 2;

const Id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'use lowercase letters, digits, dashes and underscores (at most 64)');
const Label = z.string().trim().min(1, 'write a label the agent will read').max(120);

const Phrase = z
  .string()
  .max(MAX_PHRASE_LENGTH, `a phrase has at most ${MAX_PHRASE_LENGTH} characters`)
  .superRefine((phrase, ctx) => {
    // Already reported by max(); one message per mistake.
    if (phrase.length > MAX_PHRASE_LENGTH) return;
    const problem = phraseProblem(phrase);
    if (problem) ctx.addIssue({ code: 'custom', message: `phrase "${phrase}": ${problem}` });
  });

/** Why a phrase cannot be matched, or null. Gap markers are checked as written, words after folding. */
export function phraseProblem(phrase: string): string | null {
  const parts = phrase.trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0) return 'is empty';
  if (parts.length > MAX_PHRASE_WORDS) return `has more than ${MAX_PHRASE_WORDS} words`;
  if (isGap(parts[0]!) || isGap(parts[parts.length - 1]!)) return 'cannot start or end with "*" or "..."';
  if (parts.filter(isGap).length > MAX_GAPS_PER_PHRASE) return `has more than ${MAX_GAPS_PER_PHRASE} "*" or "..."`;
  if (parts.some((p) => !isGap(p) && normalizeText(p).words.length === 0)) return 'has a part with no letters or digits';
  return null;
}

function isGap(part: string): boolean {
  return part === '*' || part === '...';
}

const Negatable = z
  .boolean()
  .default(true)
  .describe('Whether "no", "not", "nicht" and the other negation cues near a match cancel it');

export const TextMatcher = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('phrases'),
    phrases: z
      .array(Phrase)
      .min(1, 'list at least one phrase')
      .max(MAX_PHRASES_PER_RULE, `at most ${MAX_PHRASES_PER_RULE} phrases per rule`),
    negatable: Negatable,
  }),
  z.strictObject({
    kind: z.literal('pattern'),
    source: z.string().superRefine((source, ctx) => {
      const problem = patternProblem(source);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
    negatable: Negatable,
  }),
]);
export type TextMatcher = z.infer<typeof TextMatcher>;

export const ContextPredicate = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('at-least'), field: z.enum(NUMERIC_CONTEXT_FIELDS), value: z.number().int().min(0) }),
  z.strictObject({ type: z.literal('at-most'), field: z.enum(NUMERIC_CONTEXT_FIELDS), value: z.number().int().min(0) }),
  z.strictObject({ type: z.literal('is-true'), field: z.enum(FLAG_CONTEXT_FIELDS) }),
  z
    .strictObject({
      type: z.literal('outside-hours'),
      /** Business hours start at this hour and end before `untilHour`, on `days`. */
      fromHour: z.number().int().min(0).max(23),
      untilHour: z.number().int().min(1).max(24),
      days: z.array(z.enum(WEEKDAYS)).max(7),
    })
    .refine((p) => p.fromHour < p.untilHour, { message: 'business hours must start before they end', path: ['untilHour'] }),
]);
export type ContextPredicate = z.infer<typeof ContextPredicate>;

const Weight = z
  .number()
  .min(0, 'a weight cannot be negative: signals only ever add to the score')
  .max(100, 'a weight is at most 100');

const RequirementIds = z.array(Id).max(10).default([]);

const RuleBase = {
  id: Id,
  label: Label,
  category: z.enum(SIGNAL_CATEGORIES, { error: (issue) => `unknown category ${JSON.stringify(issue.input)}` }),
  weight: Weight,
  /** Stricter requirements this signal triggers, by id from the rule set's `requirements`. */
  requires: RequirementIds,
};

export const SignalRule = z.discriminatedUnion('kind', [
  z.strictObject({ ...RuleBase, kind: z.literal('text'), match: TextMatcher }),
  z.strictObject({ ...RuleBase, kind: z.literal('context'), when: ContextPredicate }),
  z.strictObject({
    ...RuleBase,
    kind: z.literal('combination'),
    /** Fires when signals of at least `atLeast` of these categories are present. */
    categories: z.array(z.enum(SIGNAL_CATEGORIES)).min(2).max(SIGNAL_CATEGORIES.length),
    atLeast: z.number().int().min(2),
  }),
]);
export type SignalRule = z.infer<typeof SignalRule>;

export const SignalRequirement = z.strictObject({ id: Id, label: Label });
export type SignalRequirement = z.infer<typeof SignalRequirement>;

const LevelThreshold = z.strictObject({
  /** The level starts at this score. */
  atScore: z.number().positive('a level threshold must be above zero'),
  requires: RequirementIds,
});

const NegationCues = z.strictObject({
  /** Words that cancel a match when they come shortly before it in the same clause ("no rush"). */
  before: z.array(z.string().min(1).max(40)).max(100),
  /** Words that cancel a match right after it in the same clause ("eilt nicht"). */
  after: z.array(z.string().min(1).max(40)).max(100),
  /** How many words before a match are searched for a cue. */
  window: z.number().int().min(1).max(6),
});

/** A versioned, admin-editable set of social-engineering signal rules. */
export const SignalRuleSet = z
  .strictObject({
    version: z.number().int().positive(),
    requirements: z.array(SignalRequirement).max(50),
    negation: NegationCues,
    levels: z.strictObject({ elevated: LevelThreshold, high: LevelThreshold }),
    rules: z.array(SignalRule).min(1).max(300),
  })
  .superRefine((set, ctx) => {
    const ruleIds = new Set<string>();
    set.rules.forEach((rule, i) => {
      if (ruleIds.has(rule.id)) {
        ctx.addIssue({ code: 'custom', path: ['rules', i, 'id'], message: `rule id "${rule.id}" is used twice` });
      }
      ruleIds.add(rule.id);
    });
    const known = new Set(set.requirements.map((r) => r.id));
    if (known.size !== set.requirements.length) {
      ctx.addIssue({ code: 'custom', path: ['requirements'], message: 'requirement ids must be unique' });
    }
    const checkRefs = (ids: string[], path: (string | number)[]) =>
      ids.forEach((id, j) => {
        if (!known.has(id)) ctx.addIssue({ code: 'custom', path: [...path, j], message: `no requirement "${id}" in this rule set` });
      });
    set.rules.forEach((rule, i) => checkRefs(rule.requires, ['rules', i, 'requires']));
    checkRefs(set.levels.elevated.requires, ['levels', 'elevated', 'requires']);
    checkRefs(set.levels.high.requires, ['levels', 'high', 'requires']);
    if (set.levels.high.atScore < set.levels.elevated.atScore) {
      ctx.addIssue({ code: 'custom', path: ['levels', 'high', 'atScore'], message: 'the high level cannot start below the elevated level' });
    }
  });
export type SignalRuleSet = z.infer<typeof SignalRuleSet>;
/** A rule set as written by an admin, before defaults are filled in. */
export type SignalRuleSetInput = z.input<typeof SignalRuleSet>;
