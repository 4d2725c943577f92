/**
 * The HTML document that shows one stored mail inside a sandboxed frame. Inbound HTML was
 * sanitised on arrival (decision 0022): remote images wait as `data-remote-src` and load
 * only when the agent asks, because a loaded image tells the sender the mail was read.
 */

const IMAGE_TAG = /<img\b[^>]*>/gi;
const REMOTE_SOURCE = /\sdata-remote-src="([^"]*)"/i;

/** Remote images in sanitised HTML. Text cannot hold a raw `<img`: the sanitiser escaped it. */
export function countRemoteImages(html: string): number {
  let count = 0;
  for (const tag of html.matchAll(IMAGE_TAG)) if (REMOTE_SOURCE.test(tag[0])) count += 1;
  return count;
}

/** Gives remote images their source back; the value is the sanitiser's own, already escaped. */
function showRemoteImages(html: string): string {
  return html.replace(IMAGE_TAG, (tag) => tag.replace(REMOTE_SOURCE, (_all, url: string) => ` src="${url}"`));
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

// The only style in the frame: ours, allowed by the frame's own policy (the mail's style was dropped).
const FRAME_STYLE = 'body{font:14px/1.5 system-ui,sans-serif;margin:12px;color:#1c2024;overflow-wrap:anywhere}pre{white-space:pre-wrap;font:inherit}img{max-width:100%}blockquote{border-left:3px solid #ccc;margin:0 0 0 4px;padding-left:8px;color:#555}';

export function originalMailDocument(mail: { body_html: string | null; body_text: string | null }, images: 'blocked' | 'shown'): string {
  const body = mail.body_html !== null
    ? images === 'shown' ? showRemoteImages(mail.body_html) : mail.body_html
    : `<pre>${escapeText(mail.body_text ?? '')}</pre>`;
  return `<!doctype html><html><head><meta charset="utf-8"><style>${FRAME_STYLE}</style></head><body>${body}</body></html>`;
}

/**
 * The frame's own policy: nothing runs (sandbox without scripts), no request leaves except
 * images the agent chose to load, links open outside the frame, and only the desk may frame it.
 */
export function originalMailPolicy(images: 'blocked' | 'shown'): string {
  return [
    "default-src 'none'",
    `img-src data:${images === 'shown' ? ' https: http:' : ''}`,
    "style-src 'unsafe-inline'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'self'",
    'sandbox allow-popups allow-popups-to-escape-sandbox',
  ].join('; ');
}
