import type { CompiledRuleSet, CompiledTextRule, PhrasePart } from './compile-rule-set.js';
import { PHRASE_GAP_WORDS } from './rule-set-schema.js';
import type { NormalizedText } from './normalize-text.js';

/** Enough evidence for the agent; more matches of one rule add nothing to the score. */
const MAX_MATCHES_PER_RULE = 3;

/** A place in the text where a rule's phrase or pattern was found, as words [start, end). */
interface WordSpan {
  start: number;
  end: number;
}

/** The distinct passages (folded words) where a text rule matches and is not negated. */
export function findTextMatches(compiled: CompiledRuleSet, rule: CompiledTextRule, text: NormalizedText): string[] {
  const spans = rule.pattern ? patternSpans(rule.pattern, text) : phraseSpans(rule, text);
  const found: string[] = [];
  for (const span of spans) {
    if (rule.rule.match.negatable && isNegated(compiled, text, span)) continue;
    const passage = text.words.slice(span.start, span.end).join(' ');
    if (!found.includes(passage)) found.push(passage);
    if (found.length >= MAX_MATCHES_PER_RULE) break;
  }
  return found;
}

function* phraseSpans(rule: CompiledTextRule, text: NormalizedText): Generator<WordSpan> {
  for (let start = 0; start < text.stems.length; start++) {
    const candidates = rule.phrasesByFirstStem.get(text.stems[start]!);
    if (!candidates) continue;
    let best = -1;
    for (const parts of candidates) {
      const end = matchParts(parts, 0, text.stems, start);
      // The shortest passage is the clearest evidence.
      if (end > 0 && (best < 0 || end < best)) best = end;
    }
    if (best > 0) yield { start, end: best };
  }
}

// Phrases hold at most two gaps of up to three words, so this tries at most 16 alignments.
function matchParts(parts: PhrasePart[], p: number, stems: string[], at: number): number {
  if (p === parts.length) return at;
  const part = parts[p]!;
  if (part.kind === 'gap') {
    for (let skip = 0; skip <= PHRASE_GAP_WORDS; skip++) {
      if (at + skip > stems.length) break;
      const end = matchParts(parts, p + 1, stems, at + skip);
      if (end > 0) return end;
    }
    return -1;
  }
  if (at >= stems.length) return -1;
  if (part.kind === 'word' && stems[at] !== part.stem) return -1;
  return matchParts(parts, p + 1, stems, at + 1);
}

function* patternSpans(pattern: RegExp, text: NormalizedText): Generator<WordSpan> {
  for (const match of text.joined.matchAll(pattern)) {
    if (match[0].trim() === '') continue;
    yield { start: wordAt(text.offsets, match.index), end: wordAt(text.offsets, match.index + match[0].length - 1) + 1 };
  }
}

/** Index of the word containing character `offset` of the joined text. */
function wordAt(offsets: number[], offset: number): number {
  let low = 0;
  let high = offsets.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (offsets[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}

// "no rush", "not urgent", "es eilt nicht": a cue near the match in the same clause cancels
// it. A cue in an earlier clause does not ("No, I need it right now"), so an attacker
// cannot switch a signal off by putting a "no" somewhere in the message.
function isNegated(compiled: CompiledRuleSet, text: NormalizedText, span: WordSpan): boolean {
  const clause = text.clauses[span.start];
  for (let i = span.start - 1; i >= 0 && i >= span.start - compiled.negationWindow; i--) {
    if (text.clauses[i] !== clause) break;
    if (compiled.negationBefore.has(text.stems[i]!)) return true;
  }
  const next = span.end;
  return next < text.stems.length && text.clauses[next] === text.clauses[span.end - 1] && compiled.negationAfter.has(text.stems[next]!);
}
