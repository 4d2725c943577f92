import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SIGNAL_RULE_SET } from './default-rule-set.js';
import type { AccessRequestContext } from './request-context.js';
import { scoreRequest, SIGNAL_LEVELS } from './score-request.js';

const rules = DEFAULT_SIGNAL_RULE_SET;
const PHRASES = rules.rules.flatMap((r) => (r.kind === 'text' && r.match.kind === 'phrases' ? r.match.phrases : []));
const FILLER = ['please', 'reset', 'my', 'password', 'no', 'not', 'nicht', 'the', 'account', 'a', 'i', 'it', 'now', 'today', 'thanks', 'mfa', 'new', 'phone'];

// Request-like text: filler words, rule phrases and punctuation, so the properties exercise
// matches, negations and clause breaks rather than random noise only.
const requestText = fc
  .array(fc.oneof(fc.constantFrom(...FILLER), fc.constantFrom(...PHRASES), fc.constantFrom('.', ',', '!', '\n')), { maxLength: 40 })
  .map((parts) => parts.join(' '));

const context: fc.Arbitrary<AccessRequestContext> = fc.record(
  {
    localHour: fc.integer({ min: 0, max: 23 }),
    localWeekday: fc.constantFrom('mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun' as const),
    targetPrivileged: fc.boolean(),
    contactChangedDaysAgo: fc.integer({ min: 0, max: 60 }),
    previousAttemptsLast24h: fc.integer({ min: 0, max: 5 }),
    mfaResetsLast24h: fc.integer({ min: 0, max: 3 }),
  },
  { requiredKeys: [] },
);

const ruleIds = (text: string, ctx: AccessRequestContext) => scoreRequest(rules, { text, context: ctx }).signals.map((s) => s.ruleId);

describe('scoreRequest properties', () => {
  it('never throws and returns a well-formed score for any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 1000 }), context, (text, ctx) => {
        const result = scoreRequest(rules, { text, context: ctx });
        expect(SIGNAL_LEVELS).toContain(result.level);
        expect(result.score).toBeGreaterThanOrEqual(0);
        expect(result.score).toBe(Math.round(result.signals.reduce((sum, s) => sum + s.weight, 0) * 1000) / 1000);
      }),
      { numRuns: 200 },
    );
  });

  it('is deterministic', () => {
    fc.assert(
      fc.property(requestText, context, (text, ctx) => {
        expect(scoreRequest(rules, { text, context: ctx })).toEqual(scoreRequest(rules, { text, context: ctx }));
      }),
    );
  });

  it('never lowers the score when a sentence with a signal is added', () => {
    fc.assert(
      fc.property(requestText, fc.constantFrom(...PHRASES), context, (text, phrase, ctx) => {
        const before = scoreRequest(rules, { text, context: ctx });
        const after = scoreRequest(rules, { text: `${text}. ${phrase}`, context: ctx });
        expect(after.score).toBeGreaterThanOrEqual(before.score);
        expect(after.signals.map((s) => s.ruleId)).toEqual(expect.arrayContaining(before.signals.map((s) => s.ruleId)));
        expect(SIGNAL_LEVELS.indexOf(after.level)).toBeGreaterThanOrEqual(SIGNAL_LEVELS.indexOf(before.level));
      }),
    );
  });

  it('never lowers the score when a context fact becomes known', () => {
    fc.assert(
      fc.property(requestText, context, context, (text, known, extra) => {
        const before = scoreRequest(rules, { text, context: known });
        const after = scoreRequest(rules, { text, context: { ...extra, ...known } });
        expect(after.score).toBeGreaterThanOrEqual(before.score);
      }),
    );
  });

  it('ignores zero-width and other invisible characters anywhere', () => {
    const invisible = fc.constantFrom('\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD', '\u202E');
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), fc.array(fc.tuple(fc.nat(), invisible), { maxLength: 20 }), context, (text, inserts, ctx) => {
        const chars = [...text];
        for (const [at, ch] of inserts) chars.splice(at % (chars.length + 1), 0, ch);
        expect(scoreRequest(rules, { text: chars.join(''), context: ctx })).toEqual(scoreRequest(rules, { text, context: ctx }));
      }),
    );
  });

  it('ignores the case of every letter', () => {
    fc.assert(
      fc.property(requestText, fc.array(fc.boolean(), { minLength: 1, maxLength: 64 }), context, (text, flips, ctx) => {
        const mixed = [...text].map((ch, i) => (flips[i % flips.length] ? ch.toUpperCase() : ch)).join('');
        expect(ruleIds(mixed, ctx)).toEqual(ruleIds(text, ctx));
        expect(scoreRequest(rules, { text: mixed, context: ctx }).score).toBe(scoreRequest(rules, { text, context: ctx }).score);
      }),
    );
  });

  // A ceiling against runaway (exponential or quadratic) matching, two orders of magnitude
  // above what these take; speed itself is measured by the benchmark, not here.
  it.each([
    ['one long word', 'a'.repeat(20_000)],
    ['single letters', 'a '.repeat(10_000)],
    ['repeated phrase starts', 'right before my before the '.repeat(700)],
    ['every phrase of the default set', PHRASES.join(' ').repeat(3).slice(0, 20_000)],
    ['negation cues and breaks', 'no not nicht, urgent. '.repeat(900)],
    ['digits and spaces', '0151 2345 '.repeat(2000)],
    ['random code points', fc.sample(fc.string({ unit: 'binary', minLength: 20_000, maxLength: 20_000 }), { seed: 5, numRuns: 1 })[0]!.slice(0, 20_000)],
  ])('finishes quickly on 20,000 characters of %s', (_name, text) => {
    const started = performance.now();
    scoreRequest(rules, { text, context: {} });
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
