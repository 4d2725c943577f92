import { describe, expect, it } from 'vitest';
import { MAX_PATTERN_LENGTH, patternProblem } from './safe-pattern.js';

describe('patternProblem', () => {
  it.each([
    '\\bceo\\b',
    'send (?:the|a) code',
    'colou?r',
    '\\d{3,5} \\d{3,8}',
    '[a-z]{0,12} officer',
    'chair(?:man|woman)',
    '\\p{L}{2} x',
  ])('accepts %s', (source) => {
    expect(patternProblem(source)).toBeNull();
  });

  it.each([
    ['', /empty/],
    ['a'.repeat(MAX_PATTERN_LENGTH + 1), /at most 200/],
    ['(a+)+$', /unbounded repetition/],
    ['(a|ab){1,3}', /group cannot be repeated/],
    ['(?:ab)?c', /group cannot be repeated/],
    ['a.*b', /unbounded repetition/],
    ['x\\s+y', /unbounded repetition/],
    ['a{2,}', /unbounded repetition/],
    ['a{0,50}', /at most 12 copies/],
    ['(a)\\1', /back-references/],
    ['(?=admin)adm', /look-arounds/],
    ['(?<name>x)', /look-arounds or named groups/],
    ['a?', /matches empty text/],
    ['(unclosed', /not closed/],
    ['[abc', /class is not closed/],
    ['\\w{0,9}\\w{0,9}\\w{0,9}\\w{0,9}', /too many alternatives/],
    ['(a|b)(a|b)(a|b)(a|b)(a|b)(a|b)(a|b)(a|b)(a|b)(a|b)(a|b)', /too many alternatives/],
    ['a)', /never opened/],
    ['*a', /nothing to repeat/],
  ])('rejects %s', (source, message) => {
    expect(patternProblem(source)).toMatch(message);
  });

  it('counts alternation as a sum, not a product', () => {
    const twentyWords = Array.from({ length: 20 }, (_, i) => `w${i}`).join('|');
    expect(patternProblem(`(?:${twentyWords})s?`)).toBeNull();
  });
});
