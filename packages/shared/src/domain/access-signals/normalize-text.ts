/**
 * Request text reduced to words the rules can compare. Rules and requests pass through the
 * same steps, so an admin's phrase and a caller's sentence meet in one form whatever the
 * case, spacing, punctuation, accents or look-alike letters either was written with.
 */
export interface NormalizedText {
  /** Words as written after folding (lowercase, no accents), for evidence shown to agents. */
  words: string[];
  /** The same words stemmed, for matching. */
  stems: string[];
  /** Clause number of each word; a clause ends at . , ; : ! ? or a line break. */
  clauses: number[];
  /** The words joined by single spaces, for patterns. */
  joined: string;
  /** Offset of each word in `joined`. */
  offsets: number[];
}

// Cyrillic and Greek letters that render like Latin ones. NFKC leaves them alone because
// they are real letters of other scripts; an attacker uses them to slip past word lists.
const LOOK_ALIKES: Record<string, string> = {
  а: 'a', в: 'b', е: 'e', ё: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x',
  і: 'i', ї: 'i', ј: 'j', ѕ: 's', ԁ: 'd', ԛ: 'q', ԝ: 'w', ɡ: 'g', ı: 'i',
  α: 'a', β: 'b', ε: 'e', η: 'n', ι: 'i', κ: 'k', μ: 'u', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x',
  ß: 'ss',
};
const LOOK_ALIKE_PATTERN = new RegExp(`[${Object.keys(LOOK_ALIKES).join('')}]`, 'gu');

// Format characters (zero-width space and joiners, BOM, soft hyphen, bidi controls) are
// invisible and split words without showing it.
const INVISIBLE = /\p{Cf}/gu;
const COMBINING_MARKS = /\p{M}/gu;
// "don't" and "dont" are one word; so are "it's" and "its".
const APOSTROPHES = /['`\u00B4\u2018\u2019\u02BC]/gu;
const WORD = /[\p{L}\p{N}]+/gu;
const CLAUSE_BREAK = /[.,;:!?\n\u2026]/u;

/** Folds text to lowercase Latin-looking letters without accents or invisible characters. */
export function foldText(text: string): string {
  // Invisible characters go first, so that they cannot change how NFKC composes the
  // letters around them, and again after, in case a compatibility form produced one.
  return text
    .replace(INVISIBLE, '')
    .normalize('NFKC')
    .replace(INVISIBLE, '')
    .toLowerCase()
    .replace(LOOK_ALIKE_PATTERN, (ch) => LOOK_ALIKES[ch] ?? ch)
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .replace(APOSTROPHES, '');
}

/** Splits folded text into words, stems and clauses. */
export function normalizeText(text: string): NormalizedText {
  const folded = foldText(text);
  const raw: { word: string; clause: number }[] = [];
  let clause = 0;
  let last = 0;
  for (const match of folded.matchAll(WORD)) {
    if (CLAUSE_BREAK.test(folded.slice(last, match.index))) clause += 1;
    raw.push({ word: match[0], clause });
    last = match.index + match[0].length;
  }
  const merged = mergeSpelledOut(raw);
  const words = merged.map((w) => w.word);
  const offsets: number[] = [];
  let at = 0;
  for (const word of words) {
    offsets.push(at);
    at += word.length + 1;
  }
  return {
    words,
    stems: words.map(stemWord),
    clauses: merged.map((w) => w.clause),
    joined: words.join(' '),
    offsets,
  };
}

// "u r g e n t" and "u.r.g.e.n.t" read as one word to a person; three or more single
// letters in a row are joined back. Real text rarely has such runs ("a b c").
function mergeSpelledOut(raw: { word: string; clause: number }[]): { word: string; clause: number }[] {
  const out: { word: string; clause: number }[] = [];
  let i = 0;
  while (i < raw.length) {
    let j = i;
    while (j < raw.length && isSingleLetter(raw[j]!.word)) j += 1;
    if (j - i >= 3) {
      out.push({ word: raw.slice(i, j).map((w) => w.word).join(''), clause: raw[i]!.clause });
      i = j;
    } else {
      out.push(raw[i]!);
      i += 1;
    }
  }
  return out;
}

function isSingleLetter(word: string): boolean {
  return word.length === 1 && /\p{L}/u.test(word);
}

/**
 * A deliberately light stemmer: it strips a few English endings so "asked", "asks" and
 * "asking" meet. It need not produce real words, only the same stem on both sides.
 */
export function stemWord(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith('ing') && word.length > 5) return word.slice(0, -3);
  if (word.endsWith('ed') && word.length > 4) return word.slice(0, -2);
  if (word.endsWith('ly') && word.length > 5) return word.slice(0, -2);
  if (word.endsWith('es') && word.length > 4 && /(sh|ch|x|ss)es$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us')) return word.slice(0, -1);
  return word;
}
