import { describe, expect, it } from 'vitest';
import { detectAutoReply, parseInboundMessage, type RawHeaders } from '../src/modules/mail/inbound/index.js';
import { loadEml } from './fixtures/eml/load-fixture.js';

const verdictOf = async (fixture: string) => (await parseInboundMessage(loadEml(fixture))).autoSubmitted;
const headers = (entries: Record<string, string>): RawHeaders =>
  new Map(Object.entries(entries).map(([name, value]) => [name, [value]]));
const classify = (entries: Record<string, string>, fromAddress = 'jane.doe@example.com', subject = 'Printer') =>
  detectAutoReply({ headers: headers(entries), fromAddress, subject });

describe('detectAutoReply on the fixtures', () => {
  it('classifies Auto-Submitted: auto-replied as an auto-reply', async () => {
    const verdict = await verdictOf('11-auto-replied');
    expect(verdict).toMatchObject({ automatic: true, kind: 'auto-reply' });
    expect(verdict.reasons).toEqual(expect.arrayContaining(['Auto-Submitted: auto-replied', 'empty Return-Path', 'x-auto-response-suppress']));
  });

  it('classifies X-Autoreply with Precedence: bulk as an auto-reply', async () => {
    const verdict = await verdictOf('12-out-of-office-x-autoreply');
    expect(verdict).toMatchObject({ automatic: true, kind: 'auto-reply' });
    expect(verdict.reasons).toEqual(expect.arrayContaining(['x-autoreply', 'Precedence: bulk', 'weak: subject looks automatic']));
  });

  it('classifies a delivery status notification from MAILER-DAEMON as a bounce', async () => {
    const verdict = await verdictOf('13-bounce-delivery-status');
    expect(verdict).toMatchObject({ automatic: true, kind: 'bounce' });
    expect(verdict.reasons).toEqual(expect.arrayContaining(['delivery status notification', 'sender mailer-daemon']));
  });

  it('classifies mailing list mail as a list', async () => {
    const verdict = await verdictOf('14-mailing-list');
    expect(verdict).toEqual({ automatic: true, kind: 'list', reasons: ['Precedence: list', 'List-Id', 'List-Unsubscribe'] });
  });

  it('classifies the outside service mail of the ticket trick as automatic', async () => {
    expect(await verdictOf('19-ticket-trick-password-reset')).toMatchObject({ automatic: true, kind: 'auto-reply' });
  });

  it('never classifies on the subject alone: a person asking about their out-of-office is a person', async () => {
    expect(await verdictOf('21-out-of-office-subject-human')).toEqual({
      automatic: false,
      kind: 'none',
      reasons: ['weak: subject looks automatic'],
    });
  });

  it('leaves a person writing in alone', async () => {
    expect(await verdictOf('01-new-request-plain')).toEqual({ automatic: false, kind: 'none', reasons: [] });
  });
});

describe('detectAutoReply on single headers', () => {
  it('treats any Auto-Submitted value but "no" as automatic', () => {
    expect(classify({ 'auto-submitted': 'No' }).automatic).toBe(false);
    expect(classify({ 'auto-submitted': 'auto-generated; owner-email="x@example.com"' }).reasons).toEqual(['Auto-Submitted: auto-generated']);
    expect(classify({ 'auto-submitted': 'auto-notified' }).kind).toBe('auto-reply');
  });

  it('treats Precedence junk as automatic and ignores a normal precedence', () => {
    expect(classify({ precedence: 'junk' }).kind).toBe('auto-reply');
    expect(classify({ precedence: 'first-class' }).kind).toBe('none');
  });

  it('recognises X-Autorespond, and X-Autoreply only when it does not say no', () => {
    expect(classify({ 'x-autorespond': 'vacation' }).kind).toBe('auto-reply');
    expect(classify({ 'x-autoreply': 'no' }).kind).toBe('none');
  });

  it('treats an empty Return-Path as automatic and a real one as not', () => {
    expect(classify({ 'return-path': '< >' }).kind).toBe('auto-reply');
    expect(classify({ 'return-path': '<jane.doe@example.com>' }).kind).toBe('none');
  });

  it('calls postmaster mail and X-Failed-Recipients bounces, and prefers bounce over the rest', () => {
    expect(classify({}, 'postmaster@example.net').kind).toBe('bounce');
    expect(classify({ 'x-failed-recipients': 'gone@example.com', 'list-id': '<x.example.com>' }).kind).toBe('bounce');
  });

  it('treats read receipts as automatic', () => {
    expect(classify({ 'content-type': 'multipart/report; report-type=disposition-notification; boundary="r"' }).reasons).toEqual(['read receipt']);
  });
});
