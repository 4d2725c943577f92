import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PARSE_LIMITS,
  PoisonMessageError,
  parseInboundMessage,
  type PoisonReason,
} from '../src/modules/mail/inbound/index.js';
import { loadEml } from './fixtures/eml/load-fixture.js';

const eml = (lines: string[]): Buffer => Buffer.from(lines.join('\r\n'), 'utf8');
const head = [
  'From: Ada Byrne <ada.byrne@example.com>',
  'To: support@example.org',
  'Subject: Nested',
  'Date: Sun, 29 Nov 2026 10:00:00 +0000',
  'Message-ID: <generated-1@example.com>',
  'MIME-Version: 1.0',
];

function nested(depth: number): Buffer {
  const lines = [...head, 'Content-Type: multipart/mixed; boundary="b0"', ''];
  for (let level = 1; level < depth; level += 1) {
    lines.push(`--b${level - 1}`, `Content-Type: multipart/mixed; boundary="b${level}"`, '');
  }
  lines.push(`--b${depth - 1}`, 'Content-Type: text/plain', '', 'innermost', `--b${depth - 1}--`);
  for (let level = depth - 2; level >= 0; level -= 1) lines.push(`--b${level}--`);
  return eml(lines);
}

async function poisonReason(promise: Promise<unknown>): Promise<PoisonReason> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(PoisonMessageError);
  return (error as PoisonMessageError).reason;
}

describe('parseInboundMessage: a plain new request', () => {
  it('normalises ids, addresses, subject, date and body', async () => {
    const message = await parseInboundMessage(loadEml('01-new-request-plain'));
    expect(message).toMatchObject({
      messageId: 'CAF3x9vPq-7Lr2@mail.example.com',
      inReplyTo: null,
      references: [],
      from: { address: 'priya.natarajan@example.com', name: 'Priya Natarajan' },
      to: [{ address: 'support@example.org', name: 'IT Support' }],
      cc: [],
      subject: 'VPN drops every 10 minutes since Friday',
      htmlBody: null,
      attachments: [],
      notes: [],
      autoSubmitted: { automatic: false, kind: 'none' },
      headers: { returnPath: '<priya.natarajan@example.com>', receivedCount: 1 },
    });
    expect(message.date?.toISOString()).toBe('2026-11-23T08:14:02.000Z');
    expect(message.textBody).toContain('Asset tag: LT-20417');
    expect(message.textBody).not.toContain('\r');
    expect(message.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('keeps threading headers without brackets, newest reference last', async () => {
    const message = await parseInboundMessage(loadEml('03-reply-in-reply-to'));
    expect(message.inReplyTo).toBe('inc-000123.ack.1@desk.example.org');
    expect(message.references).toEqual(['CAF3x9vPq-7Lr2@mail.example.com', 'inc-000123.ack.1@desk.example.org']);
  });
});

describe('parseInboundMessage: content', () => {
  it('sanitises HTML-only mail and derives the text from the sanitised HTML', async () => {
    const message = await parseInboundMessage(loadEml('02-html-only-script-tricks'));
    const html = message.htmlBody ?? '';
    for (const banned of ['<script', 'onerror', 'onload', '<style', '<iframe', '<form', '<svg', '<meta', '<base', 'javascript', 'expression(', ' style=']) {
      expect(html.toLowerCase()).not.toContain(banned);
    }
    expect(html).toContain('data-remote-src="https://tracker.example.net/open.gif?id=42"');
    expect(html).not.toMatch(/\ssrc=/);
    expect(message.textBody).toContain('The printer PRN-3F-EAST shows error 49 again & nobody can print.');
    expect(message.textBody).not.toContain('alert');
    expect(message.textBody).not.toContain('background');
  });

  it('prefers the text part and maps cid: images to the inline attachment', async () => {
    const message = await parseInboundMessage(loadEml('20-html-cid-and-remote-images'));
    expect(message.textBody).toBe('Attached is the Wi-Fi map. The dead spot is near meeting room B.\n');
    expect(message.htmlBody).toContain('data-cid="map.png@example.com"');
    expect(message.htmlBody).toContain('data-remote-src="https://cdn.example.net/signature/logo.png"');
    expect(message.htmlBody).not.toContain('data:image');
    expect(message.attachments).toMatchObject([{ filename: 'map.png', contentId: 'map.png@example.com', inline: true, contentType: 'image/png' }]);
  });

  it('falls back on an unknown charset and marks the message instead of throwing', async () => {
    const message = await parseInboundMessage(loadEml('16-bad-charset'));
    expect(message.notes).toContain('charset-fallback');
    expect(message.from?.address).toBe('joerg.mueller@example.com');
    expect(message.textBody).toContain('druckt nur leere Seiten');
  });

  it('flags pathological addresses, bad ids and dates, and strips bidi controls from the subject', async () => {
    const message = await parseInboundMessage(loadEml('23-pathological-from'));
    expect(message.from).toBeNull();
    expect(message.notes).toEqual(expect.arrayContaining(['from-invalid', 'addresses-dropped', 'date-invalid']));
    expect(message.to.map((entry) => entry.address)).toEqual(['support@example.org']);
    expect(message.messageId).toBeNull();
    expect(message.date).toBeNull();
    expect(message.subject).toBe('Reset my password fdp.exe');
  });

  it('bounds the subject and removes control characters from it', async () => {
    const long = `Laptop\u0007 ${'very '.repeat(300)}slow`;
    const message = await parseInboundMessage(eml([...head.filter((line) => !line.startsWith('Subject')), `Subject: ${long}`, '', 'body']));
    expect(message.subject.length).toBe(DEFAULT_PARSE_LIMITS.maxSubjectLength);
    expect(message.subject).not.toContain('\u0007');
    expect(message.notes).toContain('subject-truncated');
  });

  it('cuts HTML past the limit before sanitising and notes it', async () => {
    const html = `<p>${'Disk full on FS01. '.repeat(200)}</p><script>alert(1)</script>`;
    const message = await parseInboundMessage(eml([...head, 'Content-Type: text/html', '', html]), { limits: { maxHtmlChars: 1000 } });
    expect(message.notes).toContain('html-too-large');
    // The cut leaves the <p> open; the sanitiser closes it, which is all it may add.
    expect(message.htmlBody?.length).toBeLessThanOrEqual(1000 + '</p>'.length);
    expect(message.htmlBody).not.toContain('script');
    expect(message.textBody.startsWith('Disk full on FS01.')).toBe(true);
  });

  it('keeps a forwarded message as an .eml attachment instead of parsing it', async () => {
    const message = await parseInboundMessage(
      eml([
        ...head,
        'Content-Type: multipart/mixed; boundary="f"',
        '',
        '--f',
        'Content-Type: text/plain',
        '',
        'See the phishing mail below.',
        '--f',
        'Content-Type: message/rfc822',
        'Content-Disposition: inline',
        '',
        'From: "Payroll" <payroll@example.net>',
        'Subject: Verify your account',
        'Content-Type: text/html',
        '',
        '<a href="https://login.example.net/">verify</a>',
        '--f--',
      ]),
    );
    expect(message.textBody).toBe('See the phishing mail below.');
    expect(message.attachments).toMatchObject([{ filename: 'attachment.eml', contentType: 'message/rfc822' }]);
  });

  it('parses a message whose last boundary never closes', async () => {
    const message = await parseInboundMessage(loadEml('15-malformed-unterminated-boundary'));
    expect(message.textBody).toContain('Outlook asks for my password');
    expect(message.attachments.map((part) => part.filename)).toEqual(['screenshot.pdf']);
  });
});

describe('parseInboundMessage: poison messages', () => {
  it('refuses a message over the size limit before parsing', async () => {
    const raw = loadEml('01-new-request-plain');
    expect(await poisonReason(parseInboundMessage(raw, { limits: { maxBytes: raw.length - 1 } }))).toBe('too-large');
  });

  it('refuses multiparts nested deeper than the limit and accepts them at the limit', async () => {
    expect(await poisonReason(parseInboundMessage(nested(DEFAULT_PARSE_LIMITS.maxDepth + 1)))).toBe('too-deep');
    const atLimit = await parseInboundMessage(nested(DEFAULT_PARSE_LIMITS.maxDepth));
    expect(atLimit.textBody).toContain('innermost');
  });

  it('refuses a message with too many parts', async () => {
    const lines = [...head, 'Content-Type: multipart/mixed; boundary="p"', ''];
    for (let i = 0; i < 12; i += 1) lines.push('--p', 'Content-Type: text/plain', '', `part ${i}`);
    lines.push('--p--');
    expect(await poisonReason(parseInboundMessage(eml(lines), { limits: { maxParts: 10 } }))).toBe('too-many-parts');
  });

  it('refuses an enormous header block', async () => {
    const lines = [...head, `X-Filler: ${'a'.repeat(2000)}`, '', 'body'];
    expect(await poisonReason(parseInboundMessage(eml(lines), { limits: { maxHeaderBytes: 1024 } }))).toBe('header-too-large');
  });

  it('gives up with a timeout when the caller aborts, before or during the parse', async () => {
    const raw = loadEml('01-new-request-plain');
    expect(await poisonReason(parseInboundMessage(raw, { signal: AbortSignal.abort() }))).toBe('timeout');

    const big = eml([...head, 'Content-Type: text/plain', '', ...Array.from({ length: 80_000 }, (_, i) => `line ${i} of a long log`)]);
    const controller = new AbortController();
    const parsing = parseInboundMessage(big, { signal: controller.signal });
    setImmediate(() => controller.abort());
    expect(await poisonReason(parsing)).toBe('timeout');
  });
});
