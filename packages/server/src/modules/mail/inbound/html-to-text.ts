import sanitizeHtml from 'sanitize-html';

const PARAGRAPH_END = /<\/(?:p|h[1-6]|blockquote|pre|table|ul|ol|dl)>/gi;
const LINE_END = /<\/(?:div|li|tr|dt|dd|caption)>/gi;

/**
 * Derives plain text from already sanitised HTML, for messages that have no text part.
 * Working on the sanitiser's output (well-formed, allow-listed tags only) is what makes
 * the tag-level line breaks below safe to do with simple patterns.
 */
export function textFromSanitisedHtml(html: string): string {
  const withBreaks = html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<hr\s*\/?>/gi, '\n----\n')
    .replace(/<li>/gi, '- ')
    .replace(/<\/t[dh]>/gi, '\t')
    .replace(PARAGRAPH_END, '\n\n')
    .replace(LINE_END, '\n');
  const text = sanitizeHtml(withBreaks, { allowedTags: [], allowedAttributes: {} });
  return decodeEscapes(text)
    .replace(/\u00a0/g, ' ')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

// sanitize-html escapes exactly these in text; everything else arrives decoded.
function decodeEscapes(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
}
