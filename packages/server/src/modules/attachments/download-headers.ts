// Types a browser would run or render as a document (script, markup, styles, archives of
// pages): served as opaque bytes, whatever the sender declared.
const ACTIVE_TYPE = /html|xml|javascript|ecmascript|jscript|vbscript|x-shockwave-flash|^text\/css$|^multipart\/|^message\//;

/**
 * The headers that make a stored file a download and nothing else: attachment disposition
 * with an ASCII fallback name and the UTF-8 name (RFC 6266 / 8187), no sniffing, a CSP
 * that forbids everything and sandboxes it should a browser still render it, and no caching
 * beyond this one response.
 */
export function downloadHeadersFor(file: { filename: string; contentType: string; size: number }): Record<string, string> {
  return {
    'content-type': ACTIVE_TYPE.test(file.contentType) ? 'application/octet-stream' : file.contentType,
    'content-length': String(file.size),
    'content-disposition': `attachment; filename="${asciiFallback(file.filename)}"; filename*=UTF-8''${encodeRfc8187(file.filename)}`,
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'none'; sandbox",
    'cache-control': 'private, no-store',
    'cross-origin-resource-policy': 'same-origin',
  };
}

// Old clients read filename="…": printable ASCII only, and no quote, backslash or percent
// (some decode %XX there).
function asciiFallback(name: string): string {
  const ascii = name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^\x20-\x7e]|["\\%]/g, '_');
  return ascii.trim() === '' ? 'attachment' : ascii;
}

// RFC 8187 attr-char leaves fewer characters bare than encodeURIComponent does.
function encodeRfc8187(name: string): string {
  return encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
