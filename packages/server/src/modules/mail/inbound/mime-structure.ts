import { PoisonMessageError } from './poison-message-error.js';

/** Structural limits checked before the real parser sees the message. */
export interface StructureLimits {
  maxDepth: number;
  maxParts: number;
  maxHeaderBytes: number;
}

/** What a cheap line scan learns about a message's MIME tree. */
export interface MimeStructure {
  depth: number;
  parts: number;
  /** Charsets declared in Content-Type parameters and encoded words, lowercased. */
  charsets: string[];
}

const BOUNDARY = /boundary\s*=\s*(?:"([^"]*)"|([^;\s]+))/i;
const CHARSET = /charset\s*=\s*(?:"([^"]*)"|([^;\s]+))/i;
const ENCODED_WORD = /=\?([^?*]+)(?:\*[^?]*)?\?[bq]\?/gi;

/**
 * Scans the raw bytes for MIME nesting depth, part count and header block sizes.
 * mailparser caps parts and header size but not depth, and refusing early is cheaper
 * than parsing a hostile tree: this walks the lines once with a stack of open boundaries.
 */
export function scanMimeStructure(raw: Buffer, limits: StructureLimits): MimeStructure {
  // latin1 maps every byte to one code unit, so no input can fail to decode here.
  const text = raw.toString('latin1');
  const open: string[] = [];
  const charsets = new Set<string>();
  let inHeaders = true;
  let block: string[] = [];
  let blockBytes = 0;
  let depth = 0;
  let parts = 1;
  let start = 0;

  while (start <= text.length) {
    const end = text.indexOf('\n', start);
    const stop = end === -1 ? text.length : end;
    const line = text.slice(start, stop).replace(/\r$/, '');
    start = stop + 1;

    if (inHeaders) {
      if (line === '') {
        const boundary = readBlock(block, charsets);
        if (boundary !== null) {
          open.push(boundary);
          depth = Math.max(depth, open.length);
          if (depth > limits.maxDepth) {
            throw new PoisonMessageError('too-deep', `multipart nesting deeper than ${limits.maxDepth}`);
          }
        }
        inHeaders = false;
        block = [];
        blockBytes = 0;
      } else {
        blockBytes += line.length + 2;
        if (blockBytes > limits.maxHeaderBytes) {
          throw new PoisonMessageError('header-too-large', `a header block is over ${limits.maxHeaderBytes} bytes`);
        }
        if ((line.startsWith(' ') || line.startsWith('\t')) && block.length > 0) {
          block[block.length - 1] += line;
        } else {
          block.push(line);
        }
      }
    } else if (line.startsWith('--') && open.length > 0) {
      const hit = matchBoundary(line, open);
      if (hit?.closing) {
        open.length = hit.index;
      } else if (hit) {
        open.length = hit.index + 1;
        parts += 1;
        if (parts > limits.maxParts) {
          throw new PoisonMessageError('too-many-parts', `more than ${limits.maxParts} MIME parts`);
        }
        inHeaders = true;
      }
    }
    if (end === -1) break;
  }
  return { depth, parts, charsets: [...charsets] };
}

// Returns the boundary a part's headers open, collecting declared charsets on the way.
function readBlock(block: string[], charsets: Set<string>): string | null {
  let boundary: string | null = null;
  for (const header of block) {
    for (const match of header.matchAll(ENCODED_WORD)) {
      if (match[1]) charsets.add(match[1].toLowerCase());
    }
    if (!/^content-type\s*:/i.test(header)) continue;
    const charset = CHARSET.exec(header);
    const declared = charset?.[1] ?? charset?.[2];
    if (declared) charsets.add(declared.toLowerCase());
    if (/^content-type\s*:\s*multipart\//i.test(header)) {
      const found = BOUNDARY.exec(header);
      const value = found?.[1] ?? found?.[2];
      if (value) boundary = value;
    }
  }
  return boundary;
}

// The innermost match wins, as a part may reuse an outer boundary's prefix.
function matchBoundary(line: string, open: string[]): { index: number; closing: boolean } | null {
  for (let i = open.length - 1; i >= 0; i -= 1) {
    const boundary = open[i] as string;
    if (!line.startsWith(`--${boundary}`)) continue;
    const rest = line.slice(boundary.length + 2);
    if (rest.startsWith('--')) return { index: i, closing: true };
    if (rest.trim() === '') return { index: i, closing: false };
  }
  return null;
}
