/** One piece of a mail: a paragraph, a quoted passage (someone's words), or a link to the desk. */
export type MailBlock = { text: string; links?: readonly string[] } | { quote: string } | { link: { label: string; url: string } };

/** The plain-text part: paragraphs separated by blank lines, quotes indented. */
export function renderText(blocks: readonly MailBlock[]): string {
  return blocks
    .map((b) => {
      if ('text' in b) return b.text;
      if ('quote' in b) return b.quote.split('\n').map((line) => `    ${line}`).join('\n');
      return `${b.link.label}: ${b.link.url}`;
    })
    .join('\n\n')
    .concat('\n');
}

/**
 * The HTML part. Every value is escaped here, in one place, so no user text (a subject, a
 * reply, a name) can become markup; links are only the desk's own http(s) URLs.
 */
export function renderHtml(blocks: readonly MailBlock[]): string {
  const body = blocks
    .map((b) => {
      if ('text' in b) return `<p>${linkify(lines(b.text), b.links ?? [])}</p>`;
      if ('quote' in b) return `<blockquote style="margin:0 0 1em 0;padding-left:1em;border-left:3px solid #ccc">${lines(b.quote)}</blockquote>`;
      if (!/^https?:\/\//i.test(b.link.url)) return `<p>${lines(b.link.label)}</p>`;
      return `<p><a href="${escapeHtml(b.link.url)}">${escapeHtml(b.link.label)}</a></p>`;
    })
    .join('\n');
  return `<!doctype html>\n<html><head><meta charset="utf-8"></head><body>\n${body}\n</body></html>\n`;
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Turns the desk's own URLs, already escaped in the paragraph, into links. */
function linkify(escaped: string, links: readonly string[]): string {
  let html = escaped;
  for (const url of links.filter((u) => /^https?:\/\//i.test(u))) {
    const safe = escapeHtml(url);
    html = html.split(safe).join(`<a href="${safe}">${safe}</a>`);
  }
  return html;
}

function lines(text: string): string {
  return text.split(/\r?\n/).map(escapeHtml).join('<br>\n');
}
