import sanitizeHtml from 'sanitize-html';

/** Class on the placeholder of a remote image the agent has not chosen to load. */
export const REMOTE_IMAGE_CLASS = 'remote-image';

const ALLOWED_TAGS = [
  'p', 'br', 'div', 'span', 'b', 'strong', 'i', 'em', 'u', 's', 'strike', 'sub', 'sup', 'small',
  'blockquote', 'pre', 'code', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'hr', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'caption', 'a', 'img',
];

// Tags whose text must not leak into the output either: script source, CSS, or markup
// worlds (SVG, MathML) that have their own scripting and styling rules.
const DROPPED_WITH_CONTENT = [
  'script', 'style', 'textarea', 'option', 'noscript', 'title', 'head', 'template',
  'svg', 'math', 'iframe', 'object', 'embed', 'frameset', 'noembed', 'xmp', 'plaintext',
];

// No style, class or id anywhere: the CSP forbids inline style, and ids could clobber the
// desk's own DOM names. dir is not allowed because it can flip what an agent reads.
const ALLOWED_ATTRIBUTES: Record<string, string[]> = {
  a: ['href', 'title', 'rel', 'target'],
  img: ['alt', 'title', 'width', 'height', 'data-remote-src', 'data-cid', 'class'],
  td: ['colspan', 'rowspan'],
  th: ['colspan', 'rowspan'],
  ol: ['start'],
};

/**
 * Sanitises mail HTML with an allow-list so it can be shown inert: no script, no event
 * handlers, no forms or frames, only http/https/mailto links (opening in a new, unrelated
 * tab), and no image that loads anything by itself. A remote image becomes
 * `<img class="remote-image" data-remote-src="https://…">` without `src`, for the UI to
 * load on the agent's click; a `cid:` image becomes `<img data-cid="…">`, for the UI to
 * point at the stored attachment. `data:` images are dropped: they are how tracking
 * pixels and oversized payloads hide, and inline images arrive as cid parts anyway.
 */
export function sanitiseHtml(html: string): string {
  return sanitizeHtml(html, {
    allowedTags: ALLOWED_TAGS,
    allowedAttributes: ALLOWED_ATTRIBUTES,
    nonTextTags: DROPPED_WITH_CONTENT,
    disallowedTagsMode: 'discard',
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: [] },
    allowedSchemesAppliedToAttributes: ['href', 'src', 'cite'],
    allowProtocolRelative: false,
    allowVulnerableTags: false,
    parseStyleAttributes: false,
    transformTags: { a: rewriteLink, img: rewriteImage },
    exclusiveFilter: (frame) =>
      frame.tag === 'img' && frame.attribs['data-remote-src'] === undefined && frame.attribs['data-cid'] === undefined,
  });
}

function rewriteLink(tagName: string, attribs: sanitizeHtml.Attributes): sanitizeHtml.Tag {
  const { href, title } = attribs;
  const safe: sanitizeHtml.Attributes = { rel: 'noopener noreferrer nofollow', target: '_blank' };
  // Relative links would resolve against the desk's own origin; mail has no base to offer.
  if (href !== undefined && /^(?:https?:\/\/|mailto:)/i.test(href.trim())) safe['href'] = href.trim();
  if (title !== undefined) safe['title'] = title;
  return { tagName, attribs: safe };
}

function rewriteImage(tagName: string, attribs: sanitizeHtml.Attributes): sanitizeHtml.Tag {
  const safe: sanitizeHtml.Attributes = {};
  for (const name of ['alt', 'title', 'width', 'height'] as const) {
    const value = attribs[name];
    if (value !== undefined) safe[name] = value;
  }
  const source = imageSource(attribs['src']);
  if (source?.kind === 'cid') safe['data-cid'] = source.value;
  if (source?.kind === 'remote') {
    safe['data-remote-src'] = source.value;
    safe['class'] = REMOTE_IMAGE_CLASS;
  }
  return { tagName, attribs: safe };
}

// Browsers ignore controls and whitespace inside a scheme ("jav\tascript:"), so the
// check does too before deciding what kind of source this is.
function imageSource(src: string | undefined): { kind: 'cid' | 'remote'; value: string } | null {
  if (src === undefined) return null;
  const compact = src.replace(/[\u0000-\u0020\u007f-\u009f]/g, '');
  if (/^cid:/i.test(compact)) {
    const cid = compact.slice(4).replace(/^<|>$/g, '');
    return cid.length > 0 && cid.length <= 250 ? { kind: 'cid', value: cid } : null;
  }
  let url: URL;
  try {
    url = new URL(src.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (url.username !== '' || url.password !== '') return null;
  return { kind: 'remote', value: url.href };
}
