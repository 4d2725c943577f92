// C0 and C1 controls and DEL; tab and newlines are handled separately by callers.
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/g;
// Bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) and the marks
// that can reorder what a reader sees (U+200E, U+200F, U+061C).
const BIDI = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g;

/** Removes every control and bidi-formatting character from a one-line value. */
export function stripControls(value: string): string {
  return value.replace(CONTROLS, '').replace(BIDI, '');
}

/** Removes controls except tab and newline from body text, normalising CRLF to LF. */
export function cleanBodyText(value: string): string {
  return value
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
    .replace(BIDI, '');
}

/** Collapses whitespace in a header value, strips controls and bounds the length. */
export function cleanHeaderValue(value: string, maxLength: number): { value: string; truncated: boolean } {
  const flat = stripControls(value.replace(/[\t\r\n]+/g, ' ')).replace(/\s+/g, ' ').trim();
  if (flat.length <= maxLength) return { value: flat, truncated: false };
  // Cut on a code point boundary so a surrogate pair is never split.
  return { value: Array.from(flat).slice(0, maxLength).join('').trimEnd(), truncated: true };
}
