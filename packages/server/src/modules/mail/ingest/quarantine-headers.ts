/** The most a list reads of a held message: its header block, never its body. */
const HEAD_LIMIT = 64 * 1024;
const FIELD_LIMIT = 500;

export interface QuarantineHeaders {
  from: string | null;
  subject: string | null;
  date: string | null;
}

/**
 * Reads From, Subject and Date from the header block as plain text (encoded words
 * decoded), without parsing MIME, so even poison can be listed cheaply and safely.
 */
export function readQuarantineHeaders(raw: Uint8Array): QuarantineHeaders {
  const head = Buffer.from(raw.subarray(0, HEAD_LIMIT)).toString('latin1');
  const end = head.search(/\r?\n\r?\n/);
  const block = (end === -1 ? head : head.slice(0, end)).replace(/\r?\n[ \t]+/g, ' ');
  const fields = new Map<string, string>();
  for (const line of block.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!fields.has(name)) fields.set(name, line.slice(colon + 1).trim());
  }
  const field = (name: string) => {
    const value = fields.get(name);
    if (value === undefined) return null;
    // Controls in a header are dropped, not shown.
    const decoded = decodeWords(Buffer.from(value, 'latin1').toString('utf8'));
    const clean = [...decoded].filter((c) => c.charCodeAt(0) > 0x1f && c.charCodeAt(0) !== 0x7f).join('').trim();
    return clean === '' ? null : clean.slice(0, FIELD_LIMIT);
  };
  return { from: field('from'), subject: field('subject'), date: field('date') };
}

function decodeWords(value: string): string {
  return value.replace(/=\?([^?]+)\?([bqBQ])\?([^?]*)\?=(\s+(?==\?))?/g, (whole, charset: string, encoding: string, text: string) => {
    try {
      const bytes =
        encoding.toUpperCase() === 'B'
          ? Buffer.from(text, 'base64')
          : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9a-fA-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1');
      return new TextDecoder(charset.split('*')[0]!.trim().toLowerCase(), { fatal: false }).decode(bytes);
    } catch {
      return whole;
    }
  });
}
