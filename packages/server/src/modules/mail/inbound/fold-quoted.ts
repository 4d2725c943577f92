/** A reply split into what the sender just wrote and the history folded away under it. */
export interface FoldedText {
  reply: string;
  /** Quoted history and signature, shown collapsed; empty when nothing was folded. */
  folded: string;
}

// Attribution lines that open quoted history. Each needs a digit (a date or time) so an
// ordinary sentence such as "On my laptop Outlook wrote:" is not taken for one.
const ATTRIBUTIONS = [
  /^On\b.*\d.*\bwrote:\s*$/i,
  /^Am\b.*\d.*\bschrieb\b.*:\s*$/i,
  /^Le\b.*\d.*\ba écrit\s*:\s*$/i,
];
const ORIGINAL_MESSAGE = /^\s*-{2,}\s*(?:Original Message|Ursprüngliche Nachricht|Message d'origine)\s*-{2,}\s*$/i;
const HEADER_FROM = /^\s*\*?(?:From|Von|De)\s*:\*?\s+\S/i;
const HEADER_SENT = /^\s*\*?(?:Sent|Date|Gesendet|Envoyé)\s*:\*?\s+\S/i;
const SIGNATURE = /^-- ?$/;
const MAX_SIGNATURE_LINES = 15;

/**
 * Splits a plain-text reply at the first sign of quoted history: an attribution line
 * ("On … wrote:", "Am … schrieb …:", "Le … a écrit :"), Outlook's "Original Message"
 * or From:/Sent: block, or a trailing run of "> " lines; then folds a short signature
 * after "-- ". Conservative: inline answers between quotes stay, and if folding would
 * leave nothing the whole text is kept as the reply.
 */
export function foldQuoted(text: string): FoldedText {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let cut = Math.min(historyStart(lines), trailingQuoteStart(lines));
  const signature = signatureStart(lines, cut);
  if (signature !== null) cut = signature;

  const reply = lines.slice(0, cut).join('\n').trimEnd();
  if (reply.trim() === '') return { reply: text.trim(), folded: '' };
  return { reply, folded: lines.slice(cut).join('\n').trim() };
}

function historyStart(lines: string[]): number {
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i] ?? '';
    const joined = `${line} ${lines[i + 1] ?? ''}`.trim();
    // Clients wrap long attributions, so "On …, Jane Doe <jane@example.com>" + "wrote:" counts.
    if (ATTRIBUTIONS.some((pattern) => pattern.test(line))) return i;
    if (/^(?:On|Am|Le)\b/i.test(line) && line.length < 200 && ATTRIBUTIONS.some((pattern) => pattern.test(joined))) {
      return i;
    }
    if (ORIGINAL_MESSAGE.test(line)) return i;
    if (HEADER_FROM.test(line) && lines.slice(i + 1, i + 5).some((next) => HEADER_SENT.test(next))) {
      // Outlook draws a rule of underscores above the block; fold it with the block.
      return i > 0 && /^_{5,}\s*$/.test(lines[i - 1] ?? '') ? i - 1 : i;
    }
  }
  return lines.length;
}

// A line that ends like an attribution, dated or not ("On Sunday Ana wrote:").
const ATTRIBUTION_END = /\b(?:wrote|schrieb|a écrit)\s*:\s*$/i;

// Only a quote that runs to the end is history; quotes followed by new text are answers.
// The line just above such a quote is folded with it when it reads like its attribution.
function trailingQuoteStart(lines: string[]): number {
  let start = lines.length;
  let sawQuote = false;
  for (let i = lines.length - 1; i >= 0; i -= 1) {
    const line = lines[i] ?? '';
    if (line.startsWith('>')) {
      sawQuote = true;
      start = i;
    } else if (line.trim() === '') {
      continue;
    } else {
      break;
    }
  }
  if (!sawQuote) return lines.length;
  let above = start - 1;
  while (above >= 0 && (lines[above] ?? '').trim() === '') above -= 1;
  const attribution = lines[above] ?? '';
  return above >= 0 && attribution.length < 200 && ATTRIBUTION_END.test(attribution) ? above : start;
}

function signatureStart(lines: string[], before: number): number | null {
  for (let i = before - 1; i >= 0; i -= 1) {
    if (SIGNATURE.test(lines[i] ?? '')) return before - i <= MAX_SIGNATURE_LINES + 1 ? i : null;
  }
  return null;
}
