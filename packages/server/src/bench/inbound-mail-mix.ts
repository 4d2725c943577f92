import MailComposer from 'nodemailer/lib/mail-composer';
import type { DeskSentMail } from './outbound-mail-sink.js';
import { Rng, ticketText } from './vocabulary.js';

// The inbound mail a desk receives in a working day, built before the timed run so the
// load generator spends its CPU on SMTP, not on composing MIME. What each kind becomes
// (decision 0024) is what the suite checks the desk holds afterwards.

/** new: a ticket; reply-*: a public comment; stranger-number: a linked new ticket plus an internal note; auto-reply: nothing. */
export type InboundKind = 'new' | 'reply-in-reply-to' | 'reply-subject-number' | 'stranger-number' | 'auto-reply';

export interface PlannedMail {
  kind: InboundKind;
  envelopeFrom: string;
  envelopeTo: string;
  raw: Buffer;
  html: boolean;
  /** A word only this mail's subject holds: the suite polls search for it to see when the ticket became visible. */
  probeWord: string | null;
}

/** Shares of the mix, in percent; the rest are new tickets. */
const SHARE = { replyInReplyTo: 18, replySubjectNumber: 6, strangerNumber: 2, autoReply: 4 };
const HTML_SHARE = 0.3;

export interface MixPeople {
  /** Addresses the desk knows as requesters. */
  known: readonly string[];
  /** Addresses the desk has never seen: their first mail makes them requesters. */
  unknown: readonly string[];
  /** Acknowledgements the desk sent earlier (to known requesters), for replies to thread on. */
  acknowledgements: readonly DeskSentMail[];
}

export interface PlannedMix {
  mails: PlannedMail[];
  counts: Record<InboundKind, number>;
  htmlMails: number;
  /** Distinct unknown senders whose mail opens a ticket: each becomes one requester. */
  newRequesters: number;
  totalBytes: number;
}

// "3" -> "zqd": letters only, so every tokenizer keeps the probe a single searchable word.
function probeWordFor(index: number): string {
  let word = '';
  let n = index;
  do {
    word = String.fromCharCode(97 + (n % 26)) + word;
    n = Math.floor(n / 26);
  } while (n > 0);
  return `zqprobe${word}`;
}

const quoteLines = (text: string) => text.split('\n').map((line) => `> ${line}`).join('\n');

function htmlOf(text: string, quoted: string | null): string {
  const paragraphs = text.split('\n').filter(Boolean).map((p) => `<p style="margin:0 0 8px;font-family:Calibri,sans-serif">${escapeHtml(p)}</p>`).join('\n');
  const signature = `<table style="border-top:1px solid #ccc"><tr><td><img src="https://cdn.example.com/logo.png" width="80" alt="logo"></td>
<td style="font-size:11px;color:#555">Facilities &amp; Operations<br>+44 20 7946 0000</td></tr></table>`;
  const history = quoted ? `<div class="gmail_quote"><blockquote style="margin:0 0 0 .8ex;border-left:1px solid #ccc;padding-left:1ex">${escapeHtml(quoted).replace(/\n/g, '<br>')}</blockquote></div>` : '';
  return `<html><head><style>p{color:#222}</style></head><body>${paragraphs}\n${signature}\n${history}</body></html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const REPLIES = [
  'Thanks, but it is still happening this morning.',
  'I restarted it as you suggested and the problem came back after ten minutes.',
  'Yes, that is right. It happens on the second floor too.',
  'Any news on this? My manager is asking.',
  'It works again now, thank you!',
];

/**
 * Plans `count` inbound mails from a fixed seed. New tickets come from all senders (the
 * unknown ones become requesters); replies answer the desk's acknowledgements by
 * In-Reply-To or name their ticket number in the subject, both from the ticket's requester;
 * strangers naming a number open a linked ticket; out-of-office answers are ignored.
 * Every `probeEvery`-th new ticket carries a probe word.
 */
export async function planInboundMix(count: number, people: MixPeople, domain: string, probeEvery: number): Promise<PlannedMix> {
  const rng = new Rng(7);
  // The worker delivers acknowledgements in no fixed order: sorted, the same seed plans the same mail.
  const acknowledgements = [...people.acknowledgements].sort((a, b) => a.to.localeCompare(b.to));
  const desk = `support@${domain}`;
  const senders = [...people.known, ...people.unknown];
  const unknown = new Set(people.unknown);
  const newRequesters = new Set<string>();
  const counts: Record<InboundKind, number> = { new: 0, 'reply-in-reply-to': 0, 'reply-subject-number': 0, 'stranger-number': 0, 'auto-reply': 0 };
  const mails: PlannedMail[] = [];
  let html = 0;
  let totalBytes = 0;
  const date = new Date('2026-11-29T09:00:00Z');
  for (let i = 0; i < count; i++) {
    const roll = rng.int(0, 99);
    const ack = rng.pick(acknowledgements);
    const kind: InboundKind =
      roll < SHARE.replyInReplyTo ? 'reply-in-reply-to'
      : roll < SHARE.replyInReplyTo + SHARE.replySubjectNumber ? 'reply-subject-number'
      : roll < SHARE.replyInReplyTo + SHARE.replySubjectNumber + SHARE.strangerNumber ? 'stranger-number'
      : roll < SHARE.replyInReplyTo + SHARE.replySubjectNumber + SHARE.strangerNumber + SHARE.autoReply ? 'auto-reply'
      : 'new';
    const asHtml = kind !== 'auto-reply' && rng.chance(HTML_SHARE);
    const messageId = `<bench.${i}.${rng.int(100000, 999999)}@mail.bench.example>`;
    const composed: ConstructorParameters<typeof MailComposer>[0] = { messageId, date: new Date(date.getTime() + i * 1000), headers: { 'X-Mailer': 'Microsoft Outlook 16.0' } };
    let probeWord: string | null = null;
    let from: string;
    let to = desk;
    if (kind === 'new' || kind === 'stranger-number') {
      from = kind === 'new' ? rng.pick(senders) : strangerTo(ack, people.known, rng);
      const text = ticketText(rng);
      probeWord = kind === 'new' && counts.new % probeEvery === 0 ? probeWordFor(i) : null;
      const subject = kind === 'new' ? `${text.subject}${probeWord ? ` (ref ${probeWord})` : ''}` : `Same problem as ${ack.ticketNumber}? ${text.subject}`;
      // A fifth of new mails forward a colleague's mail: quoted history on a first message.
      const forwarded = rng.chance(0.2) ? `\n\n---------- Forwarded message ---------\nFrom: ${rng.pick(senders)}\nSubject: ${text.subject}\n\n${text.description}` : null;
      const body = text.description.replace(/\. /g, '.\n') + (forwarded ?? '');
      Object.assign(composed, { subject, text: body, html: asHtml ? htmlOf(text.description, forwarded) : undefined });
      if (kind === 'new' && unknown.has(from)) newRequesters.add(from);
    } else {
      from = ack.to;
      const quoted = `On ${date.toUTCString()}, IT Support <${desk}> wrote:\n${quoteLines(ack.text)}`;
      if (kind === 'auto-reply') {
        to = ack.replyTo;
        Object.assign(composed, {
          subject: `Automatic reply: ${ack.subject}`, inReplyTo: ack.messageId, references: [ack.messageId],
          text: 'I am out of the office until Monday with limited access to e-mail.',
          headers: { 'Auto-Submitted': 'auto-replied', 'X-Auto-Response-Suppress': 'All' },
        });
      } else if (kind === 'reply-in-reply-to') {
        to = ack.replyTo;
        const reply = rng.pick(REPLIES);
        Object.assign(composed, {
          subject: `Re: ${ack.subject}`, inReplyTo: ack.messageId, references: [ack.messageId],
          text: `${reply}\n\n${quoted}`, html: asHtml ? htmlOf(reply, quoted) : undefined,
        });
      } else {
        // A new mail (no In-Reply-To) from the requester, naming the ticket number from the acknowledgement.
        const reply = rng.pick(REPLIES);
        Object.assign(composed, { subject: `${ack.ticketNumber} still open`, text: reply, html: asHtml ? htmlOf(reply, null) : undefined });
      }
    }
    Object.assign(composed, { from, to });
    const raw = await new MailComposer(composed).compile().build();
    counts[kind] += 1;
    if (asHtml) html += 1;
    totalBytes += raw.length;
    mails.push({ kind, envelopeFrom: from, envelopeTo: to, raw, html: asHtml, probeWord });
  }
  return { mails, counts, htmlMails: html, newRequesters: newRequesters.size, totalBytes };
}

// A known requester who is not the acknowledged ticket's requester: naming its number never joins them to it.
function strangerTo(ack: DeskSentMail, known: readonly string[], rng: Rng): string {
  for (;;) {
    const candidate = rng.pick(known);
    if (candidate !== ack.to) return candidate;
  }
}

/** One plain new-ticket mail from each sender: the desk's history that later mail replies to. */
export async function planOpeningMails(senders: readonly string[], domain: string): Promise<PlannedMail[]> {
  const rng = new Rng(11);
  return Promise.all(
    senders.map(async (from, i) => {
      const text = ticketText(rng);
      const raw = await new MailComposer({
        from, to: `support@${domain}`, subject: text.subject, text: text.description, messageId: `<history.${i}@mail.bench.example>`,
      }).compile().build();
      return { kind: 'new' as const, envelopeFrom: from, envelopeTo: `support@${domain}`, raw, html: false, probeWord: null };
    }),
  );
}
