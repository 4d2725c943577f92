import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MAX_ATTACHMENT_NAME,
  normaliseAttachmentName,
  parseInboundMessage,
  prepareAttachments,
  sha256Hex,
  type RawAttachment,
} from '../src/modules/mail/inbound/index.js';
import { loadEml } from './fixtures/eml/load-fixture.js';

const part = (filename: string | undefined, size: number, contentType = 'application/pdf'): RawAttachment => ({
  filename,
  contentType,
  content: Buffer.alloc(size, 7),
  contentId: undefined,
  inline: false,
});

describe('normaliseAttachmentName', () => {
  it.each([
    ['../../etc/passwd', 'passwd'],
    ['C:\\Users\\ana\\Desktop\\report.pdf', 'report.pdf'],
    ['invoice\u202Egpj.exe', 'invoicegpj.exe'],
    ['quote\u2066.pdf\u2069.js', 'quote.pdf.js'],
    ['bad\u0000name\u0007.txt', 'badname.txt'],
    ['.htaccess', 'htaccess'],
    ['...', 'attachment.pdf'],
    ['CON.txt', '_CON.txt'],
    ['lpt1', '_lpt1'],
    ['what?<is>*this|.doc', 'what__is__this_.doc'],
    ['trailing dots...', 'trailing dots'],
    ['  spaced   out  .pdf', 'spaced out .pdf'],
    ['zero\u200Bwidth.png', 'zerowidth.png'],
  ])('%j becomes %j', (input, expected) => {
    expect(normaliseAttachmentName(input, 'application/pdf')).toBe(expected);
  });

  it('falls back to "attachment" with an extension from the content type', () => {
    expect(normaliseAttachmentName(undefined, 'image/png')).toBe('attachment.png');
    expect(normaliseAttachmentName('', 'message/rfc822')).toBe('attachment.eml');
    expect(normaliseAttachmentName('/', 'x-weird')).toBe('attachment.bin');
  });

  it('bounds the length and keeps the extension', () => {
    const name = normaliseAttachmentName(`${'ä'.repeat(400)}.xlsx`, 'application/octet-stream');
    expect(Array.from(name)).toHaveLength(MAX_ATTACHMENT_NAME);
    expect(name.endsWith('.xlsx')).toBe(true);
  });

  it('never yields a path separator, a control or bidi character, a leading dot or an empty name', () => {
    const tricky = fc.constantFrom('/', '\\', '..', '.', '\u202E', '\u2066', '\u0000', '\n', 'CON', ' ', 'a', '.exe', '\u00e9');
    const names = fc.array(fc.oneof(tricky, fc.string({ maxLength: 12 }), fc.string({ unit: 'grapheme', maxLength: 6 })), { maxLength: 30 });
    fc.assert(
      fc.property(names, fc.constantFrom('application/pdf', 'text/plain', 'nonsense'), (parts, type) => {
        const name = normaliseAttachmentName(parts.join(''), type);
        expect(name.length).toBeGreaterThan(0);
        expect(Array.from(name).length).toBeLessThanOrEqual(MAX_ATTACHMENT_NAME);
        expect(name).not.toMatch(/[/\\\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
        expect(name.startsWith('.')).toBe(false);
        expect(name.split('.')[0]).not.toMatch(/^(?:con|prn|aux|nul|com\d|lpt\d)$/i);
      }),
      { numRuns: 500 },
    );
  });
});

describe('prepareAttachments', () => {
  const limits = { maxCount: 2, maxBytesEach: 100, maxBytesTotal: 150 };

  it('drops what is over a limit with the reason and keeps the rest', () => {
    const { kept, dropped } = prepareAttachments(
      [part('big.pdf', 101), part('a.pdf', 60), part('b.pdf', 60), part('c.pdf', 10)],
      limits,
    );
    expect(kept.map((entry) => entry.filename)).toEqual(['a.pdf', 'b.pdf']);
    expect(dropped).toEqual([
      { filename: 'big.pdf', contentType: 'application/pdf', size: 101, reason: 'too-large' },
      { filename: 'c.pdf', contentType: 'application/pdf', size: 10, reason: 'too-many' },
    ]);
  });

  it('stops at the running total', () => {
    const { kept, dropped } = prepareAttachments([part('a.pdf', 100), part('b.pdf', 60)], { ...limits, maxCount: 5 });
    expect(kept).toHaveLength(1);
    expect(dropped.map((entry) => entry.reason)).toEqual(['total-too-large']);
  });

  it('hashes the content for content addressing and keeps the sender name only as a record', () => {
    const [entry] = prepareAttachments([part('../x.pdf', 3)], limits).kept;
    expect(entry).toMatchObject({ filename: 'x.pdf', originalFilename: '../x.pdf', size: 3, sha256: sha256Hex(Buffer.alloc(3, 7)) });
  });

  it('labels an odd content type as octet-stream', () => {
    const [entry] = prepareAttachments([part('x', 1, 'text/html"><script>')], limits).kept;
    expect(entry?.contentType).toBe('application/octet-stream');
  });
});

describe('attachments in parsed mail', () => {
  it('normalises the hostile names of the fixture', async () => {
    const message = await parseInboundMessage(loadEml('17-hostile-attachment-names'));
    const names = message.attachments.map((entry) => entry.filename);
    expect(names.slice(0, 2)).toEqual(['passwd', 'invoicegpj.exe']);
    expect(names[2]?.length).toBe(MAX_ATTACHMENT_NAME);
    expect(names[2]?.endsWith('.xlsx')).toBe(true);
    expect(names.slice(3)).toEqual(['htaccess', '_CON.txt']);
    expect(message.attachments[1]?.originalFilename).toBe('invoice\u202Egpj.exe');
  });

  it('drops an oversized attachment but keeps the message and the others', async () => {
    const big = Buffer.alloc(300 * 1024, 1).toString('base64').replace(/.{76}/g, '$&\r\n');
    const raw = Buffer.from(
      [
        'From: Noah Clarke <noah.clarke@example.com>',
        'To: support@example.org',
        'Subject: Logs from the build server',
        'Message-ID: <logs-1@example.com>',
        'MIME-Version: 1.0',
        'Content-Type: multipart/mixed; boundary="m"',
        '',
        '--m',
        'Content-Type: text/plain',
        '',
        'Both logs attached.',
        '--m',
        'Content-Type: application/gzip',
        'Content-Disposition: attachment; filename="full.log.gz"',
        'Content-Transfer-Encoding: base64',
        '',
        big,
        '--m',
        'Content-Type: text/plain',
        'Content-Disposition: attachment; filename="summary.txt"',
        '',
        'build 4411 failed at step 7',
        '--m--',
      ].join('\r\n'),
    );
    const message = await parseInboundMessage(raw, {
      limits: { attachments: { maxCount: 10, maxBytesEach: 200 * 1024, maxBytesTotal: 1024 * 1024 } },
    });
    expect(message.textBody).toContain('Both logs attached.');
    expect(message.attachments.map((entry) => entry.filename)).toEqual(['summary.txt']);
    expect(message.droppedAttachments).toEqual([
      { filename: 'full.log.gz', contentType: 'application/gzip', size: 300 * 1024, reason: 'too-large' },
    ]);
  });
});
