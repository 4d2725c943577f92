/**
 * Limits on the regular expressions admins may write into a rule. A backtracking engine
 * takes exponential or high-polynomial time on patterns with nested or unbounded
 * repetition, and request text comes from strangers: one crafted message must not stall
 * the desk. So patterns are kept to a shape whose work per text position has a small
 * fixed ceiling: repetition only of single characters or classes, bounded, and a cap on
 * the number of ways the pattern can line up with the text at one position.
 */
export const MAX_PATTERN_LENGTH = 200;
export const MAX_PATTERN_REPEAT = 12;
export const MAX_PATTERN_CHOICES = 2000;

const GROUP_REPEAT = 'a group cannot be repeated; repeat a single character or class, e.g. "colou?r"';

/** Why a pattern is not acceptable, in words, or null when it is. */
export function patternProblem(source: string): string | null {
  if (source.length === 0) return 'pattern is empty';
  if (source.length > MAX_PATTERN_LENGTH) {
    return `pattern is ${source.length} characters; at most ${MAX_PATTERN_LENGTH} are allowed`;
  }
  const shape = shapeProblem(source);
  if (shape) return shape;
  let compiled: RegExp;
  try {
    compiled = new RegExp(source, 'iu');
  } catch (error) {
    return `pattern does not compile: ${error instanceof Error ? error.message : String(error)}`;
  }
  // A pattern that matches nothing at all would flag every request.
  if (compiled.test('')) return 'pattern matches empty text, so it would match every request';
  return null;
}

// The number of ways the engine can line the pattern up with the text at one position:
// a sequence multiplies its parts, an alternation adds its branches, a repetition
// {m,n} multiplies by n - m + 1. It bounds the backtracking a single position can cost.
interface OpenGroup {
  /** Paths of the finished branches, added up. */
  finished: number;
  /** Paths of the branch being read, multiplied up. */
  current: number;
}

function shapeProblem(source: string): string | null {
  const groups: OpenGroup[] = [{ finished: 0, current: 1 }];
  const top = () => groups[groups.length - 1]!;
  const tooManyPaths = () =>
    `pattern has too many alternatives and optional parts (over ${MAX_PATTERN_CHOICES} ways to match at one place)`;
  let i = 0;
  while (i < source.length) {
    const ch = source[i]!;
    if (ch === '\\') {
      const next = source[i + 1] ?? '';
      if (/[1-9]/.test(next) || next === 'k') return 'back-references are not allowed';
      i += 2;
      // \u{...}, \p{...} and \P{...} carry their argument in braces.
      if ('upP'.includes(next) && source[i] === '{') {
        const close = source.indexOf('}', i);
        if (close < 0) return 'an escape is not closed';
        i = close + 1;
      }
    } else if (ch === '[') {
      i = classEnd(source, i);
      if (i < 0) return 'a character class is not closed';
    } else if (ch === '(') {
      if (source[i + 1] === '?') {
        if (source[i + 2] !== ':') return 'only plain groups "(...)" and "(?:...)" are allowed, no look-arounds or named groups';
        i += 3;
      } else {
        i += 1;
      }
      groups.push({ finished: 0, current: 1 });
      continue;
    } else if (ch === ')') {
      if (groups.length === 1) return 'a group is closed that was never opened';
      const closed = groups.pop()!;
      top().current *= closed.finished + closed.current;
      if (top().current > MAX_PATTERN_CHOICES) return tooManyPaths();
      i += 1;
      if (isQuantifierAt(source, i)) return GROUP_REPEAT;
      continue;
    } else if (ch === '|') {
      top().finished += top().current;
      top().current = 1;
      i += 1;
      continue;
    } else if (ch === '*' || ch === '+' || ch === '?' || ch === '{') {
      return 'a repetition has nothing to repeat';
    } else {
      i += 1;
    }
    // After an atom: at most one bounded quantifier, optionally lazy.
    const quantifier = readQuantifier(source, i);
    if (quantifier === 'unbounded') return `unbounded repetition ("*", "+", "{n,}") is not allowed; use "{0,${MAX_PATTERN_REPEAT}}"`;
    if (quantifier === 'too-large') return `a repetition may allow at most ${MAX_PATTERN_REPEAT} copies`;
    if (quantifier) {
      top().current *= quantifier.max - quantifier.min + 1;
      if (top().current > MAX_PATTERN_CHOICES) return tooManyPaths();
      i = quantifier.end;
      if (source[i] === '?') i += 1;
      if (isQuantifierAt(source, i)) return 'a repetition cannot be repeated';
    }
  }
  if (groups.length !== 1) return 'a group is not closed';
  return top().finished + top().current > MAX_PATTERN_CHOICES ? tooManyPaths() : null;
}

function isQuantifierAt(source: string, i: number): boolean {
  const ch = source[i];
  return ch === '*' || ch === '+' || ch === '?' || (ch === '{' && /^\{\d+(,\d*)?\}/.test(source.slice(i)));
}

type Quantifier = { min: number; max: number; end: number } | 'unbounded' | 'too-large' | null;

function readQuantifier(source: string, i: number): Quantifier {
  const ch = source[i];
  if (ch === '*' || ch === '+') return 'unbounded';
  if (ch === '?') return { min: 0, max: 1, end: i + 1 };
  if (ch !== '{') return null;
  const braces = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i));
  if (!braces) return null;
  const min = Number(braces[1]);
  if (braces[2] !== undefined && braces[3] === '') return 'unbounded';
  const max = braces[3] === undefined ? min : Number(braces[3]);
  if (max > MAX_PATTERN_REPEAT || min > max) return 'too-large';
  return { min, max, end: i + braces[0].length };
}

function classEnd(source: string, start: number): number {
  let i = start + 1;
  while (i < source.length) {
    if (source[i] === '\\') i += 2;
    else if (source[i] === ']') return i + 1;
    else i += 1;
  }
  return -1;
}
