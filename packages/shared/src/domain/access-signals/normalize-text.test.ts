import { describe, expect, it } from 'vitest';
import { foldText, normalizeText, stemWord } from './normalize-text.js';

describe('foldText', () => {
  it('lowercases, strips accents and maps ß', () => {
    expect(foldText('GESCHÄFTSFÜHRER Straße')).toBe('geschaftsfuhrer strasse');
  });

  it('removes zero-width and other invisible characters', () => {
    expect(foldText('ur\u200Bg\u200Ce\u200Dn\uFEFFt\u00AD')).toBe('urgent');
  });

  it('folds full-width letters and ligatures through NFKC', () => {
    expect(foldText('ＵＲＧＥＮＴ ﬁx')).toBe('urgent fix');
  });

  it('maps Cyrillic and Greek look-alikes to Latin letters', () => {
    // "сео" in Cyrillic, "urgеnt" with a Cyrillic е, "ΒΟΑRD" with Greek capitals.
    expect(foldText('\u0441\u0435\u043E urg\u0435nt \u0392\u039FARD')).toBe('ceo urgent board');
  });

  it('drops apostrophes so "don\'t" and "dont" meet', () => {
    expect(foldText('Don’t tell')).toBe('dont tell');
  });
});

describe('normalizeText', () => {
  it('splits on any punctuation and spacing', () => {
    expect(normalizeText('  right…now!!  keep--this   between_us ').words).toEqual(['right', 'now', 'keep', 'this', 'between', 'us']);
  });

  it('numbers clauses at sentence and comma breaks, not at hyphens', () => {
    const text = normalizeText('No, I need it right now. e-mail me');
    expect(text.clauses).toEqual([0, 1, 1, 1, 1, 1, 2, 2, 2]);
  });

  it('joins letters spelled out one by one', () => {
    expect(normalizeText('this is u r g e n t and U.R.G.E.N.T').words).toEqual(['this', 'is', 'urgent', 'and', 'urgent']);
  });

  it('keeps offsets of each word in the joined text', () => {
    const text = normalizeText('Send  it,to me');
    expect(text.joined).toBe('send it to me');
    expect(text.offsets).toEqual([0, 5, 8, 11]);
  });

  it('is empty for text without letters or digits', () => {
    expect(normalizeText(' ...!? \u200B ').words).toEqual([]);
  });
});

describe('stemWord', () => {
  it('brings common English forms together', () => {
    expect(new Set(['asked', 'asks', 'asking'].map(stemWord))).toEqual(new Set(['ask']));
    expect(stemWord('urgently')).toBe(stemWord('urgent'));
    expect(stemWord('flights')).toBe(stemWord('flight'));
  });

  it('leaves short words and numbers alone', () => {
    expect(stemWord('ceo')).toBe('ceo');
    expect(stemWord('24hs')).toBe('24hs');
  });
});
