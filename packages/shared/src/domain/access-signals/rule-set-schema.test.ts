import { describe, expect, it } from 'vitest';
import { STRICTER_REQUIREMENTS } from '../access-requests/index.js';
import { DEFAULT_SIGNAL_RULE_SET } from './default-rule-set.js';
import { SignalRuleSet } from './rule-set-schema.js';

/** The default set as plain JSON, edited the way an admin's form would send it. */
function edited(change: (set: Record<string, unknown> & { rules: Record<string, unknown>[] }) => void): unknown {
  const copy = structuredClone(DEFAULT_SIGNAL_RULE_SET) as unknown as Record<string, unknown> & { rules: Record<string, unknown>[] };
  change(copy);
  return copy;
}

function messages(input: unknown): string[] {
  const result = SignalRuleSet.safeParse(input);
  expect(result.success).toBe(false);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('SignalRuleSet', () => {
  it('accepts the default rule set and survives a JSON round trip', () => {
    expect(SignalRuleSet.parse(JSON.parse(JSON.stringify(DEFAULT_SIGNAL_RULE_SET)))).toEqual(DEFAULT_SIGNAL_RULE_SET);
  });

  it('uses only requirement ids the verification gate knows, which would otherwise read them as a security review', () => {
    const known: readonly string[] = STRICTER_REQUIREMENTS;
    for (const requirement of DEFAULT_SIGNAL_RULE_SET.requirements) expect(known).toContain(requirement.id);
  });

  it('rejects an unknown category, naming it', () => {
    expect(messages(edited((s) => (s.rules[0]!.category = 'vibes')))).toContain('rules.0.category: unknown category "vibes"');
  });

  it('rejects a huge regex', () => {
    const huge = edited((s) => (s.rules[1]!.match = { kind: 'pattern', source: 'a'.repeat(5000), negatable: true }));
    expect(messages(huge)).toContain('rules.1.match.source: pattern is 5000 characters; at most 200 are allowed');
  });

  it('rejects a regex that could backtrack without end', () => {
    const nested = edited((s) => (s.rules[1]!.match = { kind: 'pattern', source: '(a+)+b', negatable: true }));
    expect(messages(nested).join('\n')).toMatch(/rules\.1\.match\.source: unbounded repetition/);
  });

  it('rejects a negative weight', () => {
    expect(messages(edited((s) => (s.rules[0]!.weight = -5)))).toContain(
      'rules.0.weight: a weight cannot be negative: signals only ever add to the score',
    );
  });

  it('rejects a requirement that does not exist', () => {
    expect(messages(edited((s) => (s.rules[0]!.requires = ['sacrifice-a-goat'])))).toContain(
      'rules.0.requires.0: no requirement "sacrifice-a-goat" in this rule set',
    );
  });

  it('rejects duplicate rule ids', () => {
    expect(messages(edited((s) => (s.rules[1]!.id = s.rules[0]!.id as string)))).toContain('rules.1.id: rule id "urgency" is used twice');
  });

  it('rejects a high level below the elevated one', () => {
    const swapped = edited((s) => (s.levels = { elevated: { atScore: 6, requires: [] }, high: { atScore: 3, requires: [] } }));
    expect(messages(swapped)).toContain('levels.high.atScore: the high level cannot start below the elevated level');
  });

  it('rejects phrases that cannot be matched or are too long', () => {
    const bad = edited((s) => (s.rules[0]!.match = { kind: 'phrases', phrases: ['... right now', '!!!', 'x '.repeat(50)], negatable: true }));
    expect(messages(bad)).toEqual([
      'rules.0.match.phrases.0: phrase "... right now": cannot start or end with "*" or "..."',
      'rules.0.match.phrases.1: phrase "!!!": has a part with no letters or digits',
      'rules.0.match.phrases.2: a phrase has at most 80 characters',
    ]);
  });

  it('rejects unknown fields and context fields', () => {
    expect(messages(edited((s) => (s.rules[0]!.colour = 'red'))).join('\n')).toMatch(/colour/);
    const unknownField = edited((s) => (s.rules[9]!.when = { type: 'is-true', field: 'isNice' }));
    expect(messages(unknownField).join('\n')).toMatch(/rules\.9\.when\.field/);
  });

  it('rejects business hours that end before they start', () => {
    const hours = edited((s) => (s.rules[10]!.when = { type: 'outside-hours', fromHour: 18, untilHour: 8, days: ['mon'] }));
    expect(messages(hours)).toContain('rules.10.when.untilHour: business hours must start before they end');
  });
});
