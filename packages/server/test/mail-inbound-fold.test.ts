import { describe, expect, it } from 'vitest';
import { foldQuoted, parseInboundMessage } from '../src/modules/mail/inbound/index.js';
import { loadEml } from './fixtures/eml/load-fixture.js';

const textOf = async (fixture: string) => (await parseInboundMessage(loadEml(fixture))).textBody;

describe('foldQuoted', () => {
  it('folds an "On … wrote:" attribution and the quote under it', async () => {
    const { reply, folded } = foldQuoted(await textOf('03-reply-in-reply-to'));
    expect(reply).toBe('Thanks, the new profile works. I have been connected for two hours now.');
    expect(folded.startsWith('On Mon, 23 Nov 2026 at 11:05, IT Support <support@example.org> wrote:')).toBe(true);
  });

  it('folds a wrapped attribution and a signature after "-- "', async () => {
    const { reply, folded } = foldQuoted(await textOf('22-gmail-quoted-reply-with-signature'));
    expect(reply).toBe('The new cable fixed it, thank you!');
    expect(folded).toContain('Priya Natarajan | Procurement');
    expect(folded).toContain('> Please try the DisplayPort cable');
  });

  it("folds Outlook's Original Message block", async () => {
    const { reply, folded } = foldQuoted(await textOf('18-outlook-quoted-reply'));
    expect(reply).toBe('Yes, the Standard edition is enough. My manager approved it.\n\nRavi Kumar\nFinance Systems');
    expect(folded.startsWith('-----Original Message-----')).toBe(true);
  });

  it('folds an Outlook From:/Sent: header block under a rule', () => {
    const text = [
      'Done, thanks.',
      '',
      '________________________________',
      'From: IT Support <support@example.org>',
      'Sent: Thursday, 26 November 2026 09:14',
      'To: Ana Silva <ana.silva@example.com>',
      'Subject: [INC-000200] Password expiry',
      '',
      'Please change your password before Friday.',
    ].join('\r\n');
    expect(foldQuoted(text)).toEqual({
      reply: 'Done, thanks.',
      folded: text.replace(/\r\n/g, '\n').split('\n').slice(2).join('\n'),
    });
  });

  it('recognises German and French attributions', () => {
    expect(foldQuoted('Danke!\n\nAm 28.11.2026 um 10:00 schrieb IT Support <support@example.org>:\n> Hallo').reply).toBe('Danke!');
    expect(foldQuoted('Merci.\n\nLe 28 nov. 2026 à 10:00, IT Support <support@example.org> a écrit :\n> Bonjour').reply).toBe('Merci.');
  });

  it('keeps inline answers between quotes and folds only the trailing quote', () => {
    const text = '> Which floor?\nThird floor.\n> Which printer?\nThe one by the kitchen.\n\n> Regards\n> Service Desk';
    expect(foldQuoted(text)).toEqual({
      reply: '> Which floor?\nThird floor.\n> Which printer?\nThe one by the kitchen.',
      folded: '> Regards\n> Service Desk',
    });
  });

  it('folds an undated attribution only when the quote under it runs to the end', () => {
    const text = 'It also happens on my phone.\n\nOn Sunday IT Support wrote:\n\n> We have picked up your request.';
    expect(foldQuoted(text)).toEqual({
      reply: 'It also happens on my phone.',
      folded: 'On Sunday IT Support wrote:\n\n> We have picked up your request.',
    });
    const answered = 'Ana wrote:\n> Which floor?\nThird floor.';
    expect(foldQuoted(answered)).toEqual({ reply: answered, folded: '' });
  });

  it('does not take an ordinary sentence for an attribution', () => {
    const text = 'On my laptop Outlook wrote: "cannot connect".\nPlease help.';
    expect(foldQuoted(text)).toEqual({ reply: text, folded: '' });
  });

  it('keeps everything when folding would leave nothing', () => {
    const onlyQuote = '> forwarded from my phone\n> the VPN error text';
    expect(foldQuoted(onlyQuote)).toEqual({ reply: onlyQuote, folded: '' });
    const onlySignature = '-- \nTom Fischer\nFinance';
    expect(foldQuoted(onlySignature).reply).toBe(onlySignature);
  });

  it('does not fold a long text after "-- " as a signature', () => {
    const body = ['Status:', '-- ', ...Array.from({ length: 30 }, (_, i) => `step ${i} done`)].join('\n');
    expect(foldQuoted(body)).toEqual({ reply: body, folded: '' });
  });
});
