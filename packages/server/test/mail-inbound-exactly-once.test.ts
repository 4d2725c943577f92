import { describe, expect, it } from 'vitest';
import { compareRepeat, contentHash, dedupeKey, parseInboundMessage } from '../src/modules/mail/inbound/index.js';
import { loadEml } from './fixtures/eml/load-fixture.js';

const parse = (fixture: string) => parseInboundMessage(loadEml(fixture));

describe('exactly once', () => {
  it('keys on the mailbox and the Message-ID', async () => {
    expect(dedupeKey('support', await parse('01-new-request-plain'))).toEqual({
      mailbox: 'support',
      key: 'CAF3x9vPq-7Lr2@mail.example.com',
    });
  });

  it('falls back to the content hash without a Message-ID, stable across relays', async () => {
    const first = await parse('07-missing-message-id');
    const again = await parse('08-missing-message-id-redelivered');
    expect(first.messageId).toBeNull();
    expect(dedupeKey('support', first)).toEqual({ mailbox: 'support', key: `sha256:${first.contentHash}` });
    expect(dedupeKey('support', again)).toEqual(dedupeKey('support', first));
    expect(compareRepeat(first.contentHash, again.contentHash)).toBe('duplicate');
  });

  it('keeps the same message apart per mailbox', async () => {
    const message = await parse('01-new-request-plain');
    expect(dedupeKey('support', message)).not.toEqual(dedupeKey('hr', message));
  });

  it('calls a repeat delivery with the same content a duplicate', async () => {
    const first = await parse('09-same-message-id-a');
    const again = await parse('09-same-message-id-a');
    expect(compareRepeat(first.contentHash, again.contentHash)).toBe('duplicate');
  });

  it('calls the same Message-ID with other content a conflict', async () => {
    const first = await parse('09-same-message-id-a');
    const other = await parse('10-same-message-id-b');
    expect(dedupeKey('support', other)).toEqual(dedupeKey('support', first));
    expect(compareRepeat(first.contentHash, other.contentHash)).toBe('conflict');
  });
});

describe('contentHash', () => {
  const fields = { from: 'a@example.com', to: ['b@example.com', 'c@example.com'], subject: 'x', rawDate: 'Mon, 1 Jan 2024', body: 'hi\r\n', attachments: [] };

  it('ignores recipient order, line endings and trailing blanks', () => {
    expect(contentHash({ ...fields, to: ['c@example.com', 'b@example.com'], body: 'hi  \n\n' })).toBe(contentHash(fields));
  });

  it('changes with any field, and with the attachments', () => {
    const hash = contentHash(fields);
    expect(contentHash({ ...fields, subject: 'y' })).not.toBe(hash);
    expect(contentHash({ ...fields, attachments: ['00'] })).not.toBe(hash);
    // Text moved from one field into the next must not give the same hash.
    expect(contentHash({ ...fields, subject: 'xMon, 1 Jan 2024', rawDate: '' })).not.toBe(hash);
  });
});
