import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import nodemailer from 'nodemailer';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpSink, type Received, type SmtpSink } from '../packages/server/test/support/smtp-sink.js';
import { browserAvailable, launchBrowser, screenshot, watchPageErrors } from './support/browser.js';
import { call, freePort, signIn } from './support/desk-api.js';
import { ADMIN, buildDesk, startDeskProcess, type DeskProcess } from './support/desk-process.js';
import { expectDeskStatus, signInThroughForm } from './support/pages.js';

const DOMAIN = 'desk.e2e.test';
const REQUESTER = { name: 'Lena Fischer', address: 'lena.fischer@example.org' };

const bare = (id: string | undefined) => (id ?? '').replace(/^<|>$/g, '');

async function waitForMail(sink: SmtpSink, count: number): Promise<Received> {
  await expect.poll(() => sink.received.length, { timeout: 20_000 }).toBeGreaterThanOrEqual(count);
  return sink.received[count - 1]!;
}

/**
 * The "done when", end to end over real SMTP both ways: a requester mails the
 * desk, the acknowledgement threads in their mail client, their reply lands on the same
 * ticket, the agent answers from the desk and the answer arrives, threaded. On the way:
 * the same mail delivered again changes nothing, and the agent reads the original HTML
 * inert, with its remote image loaded only on their click.
 */
describe.skipIf(!browserAvailable())('a conversation by e-mail [sqlite]', () => {
  let desk: DeskProcess;
  let browser: Browser;
  let sink: SmtpSink;
  let smtpPort: number;
  let imageServer: Server;
  const imageHits: string[] = [];

  beforeAll(async () => {
    buildDesk();
    sink = await startSmtpSink();
    // Stands in for a sender's tracking server: it must hear nothing until the agent asks.
    imageServer = createServer((req, res) => {
      imageHits.push(req.url ?? '');
      res.writeHead(204).end();
    });
    await new Promise<void>((resolve) => imageServer.listen(0, '127.0.0.1', resolve));
    smtpPort = await freePort();
    desk = await startDeskProcess({
      port: await freePort(),
      env: {
        DESKSIDE_SMTP_LISTEN: `127.0.0.1:${smtpPort}`,
        DESKSIDE_MAIL_DOMAIN: DOMAIN,
        DESKSIDE_SMTP_URL: sink.url,
        DESKSIDE_MAIL_FROM: `IT Support <support@${DOMAIN}>`,
      },
    });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await desk?.stop();
    await sink?.close();
    await new Promise((resolve) => imageServer?.close(resolve));
  });

  it('mail in, acknowledgement threads, reply lands on the ticket, the desk answer arrives', async () => {
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true });
    const pixel = `http://127.0.0.1:${(imageServer.address() as AddressInfo).port}/pixel.png`;
    const first = {
      from: `${REQUESTER.name} <${REQUESTER.address}>`,
      to: `support@${DOMAIN}`,
      subject: 'Outlook asks for my password every few minutes',
      messageId: '<first.lena@example.org>',
      text: 'Since the update this morning Outlook keeps asking for my password, every few minutes.',
      html: `<p>Since the update this morning <b>Outlook</b> keeps asking for my password.</p><script>document.title='owned'</script><img src="${pixel}" alt="logo"><a href="javascript:alert(1)">click</a>`,
    };
    await transport.sendMail(first);
    // The sender's server retries after a lost 250: still one ticket.
    await transport.sendMail(first);

    const { context, page } = await signInThroughForm(browser, desk.baseUrl, ADMIN.email, ADMIN.password);
    const errors = watchPageErrors(page);
    await page.goto('/desk');
    const row = page.locator('[data-testid="queue-row"]', { hasText: first.subject });
    await row.waitFor();
    expect(await row.count()).toBe(1);
    const number = (await row.getAttribute('data-ticket-number')) ?? '';
    await row.click();
    await expectDeskStatus(page, 'new');

    await page.getByTestId('action-acknowledge').click();
    await page.getByLabel('The problem in your words').fill('Outlook keeps prompting you for your password since this morning’s update.');
    await page.getByRole('radio', { name: 'In 15 min', exact: true }).click();
    await page.getByTestId('submit-acknowledge').click();
    await expectDeskStatus(page, 'acknowledged');

    // The acknowledgement threads under the requester's own message.
    const ack = await waitForMail(sink, 1);
    expect(ack.to).toEqual([REQUESTER.address]);
    expect(bare(ack.mail.inReplyTo)).toBe('first.lena@example.org');
    expect([ack.mail.references].flat().map((r) => bare(r ?? ''))).toContain('first.lena@example.org');
    expect(ack.mail.subject).toContain(number);
    expect(ack.mail.text).toContain('Outlook keeps prompting you for your password');
    expect(ack.mail.headers.get('auto-submitted')).toBe('auto-generated');
    const replyTo = ack.mail.replyTo?.value[0]?.address ?? '';
    expect(replyTo).toMatch(new RegExp(`^support\\+[a-z0-9_-]+@${DOMAIN.replace(/\./g, '\\.')}$`));

    // The requester answers from their mail client: quoted history and all.
    await transport.sendMail({
      from: `${REQUESTER.name} <${REQUESTER.address}>`,
      to: replyTo,
      subject: `Re: ${ack.mail.subject}`,
      messageId: '<second.lena@example.org>',
      inReplyTo: ack.mail.messageId,
      references: [first.messageId, ack.mail.messageId ?? ''],
      text: `It also happens on my phone.\n\nOn Sunday IT Support wrote:\n> ${ack.mail.text?.split('\n')[0] ?? ''}\n> We have picked up your request.`,
    });
    await page.locator('[data-testid="timeline-event"][data-event-type="public_reply"]', { hasText: 'It also happens on my phone.' }).waitFor();
    const timeline = await page.getByTestId('timeline-event').allInnerTexts();
    expect(timeline.join('\n')).not.toContain('We have picked up your request');
    expect(timeline.join('\n')).not.toContain('IT Support wrote');
    await page.goto('/desk');
    await row.waitFor();
    expect(await row.count()).toBe(1);

    // The agent answers from the desk; the answer reaches the requester, threaded.
    await page.goto(`/desk/tickets/${number}`);
    await page.getByTestId('action-reply').click();
    await page.getByTestId('reply-body').fill('Please remove the old profile under Settings > Accounts; I will call you at 11.');
    await page.getByTestId('submit-reply').click();
    const answer = await waitForMail(sink, 2);
    expect(answer.to).toEqual([REQUESTER.address]);
    expect(bare(answer.mail.inReplyTo)).toBe('second.lena@example.org');
    expect(answer.mail.text).toContain('Please remove the old profile');
    expect(answer.mail.headers.get('auto-submitted') ?? 'no').toBe('no');

    // The mail trail: the first message shown inert, its remote image only on the agent's click.
    await page.getByTestId('ticket-mail').waitFor();
    await expect.poll(() => page.locator('[data-testid="mail-item"][data-direction="out"][data-status="sent"]').count(), { timeout: 20_000 }).toBe(2);
    const original = page.locator('[data-testid="mail-item"][data-direction="in"]').first();
    await original.getByTestId('mail-toggle').click();
    const frame = original.frameLocator('[data-testid="mail-frame"]');
    await frame.locator('b', { hasText: 'Outlook' }).waitFor();
    expect(await frame.locator('script').count()).toBe(0);
    expect(await frame.locator('a').first().getAttribute('href')).toBeNull();
    expect(await frame.locator('img').first().getAttribute('src')).toBeNull();
    expect(imageHits).toEqual([]);
    await screenshot(page, '90-desk-mail-trail');
    await original.getByTestId('load-images').click();
    await original.locator('[data-testid="mail-frame"][data-images="shown"]').waitFor();
    await expect.poll(() => imageHits.length, { timeout: 10_000 }).toBeGreaterThan(0);
    expect(imageHits[0]).toBe('/pixel.png');
    expect(errors).toEqual([]);
    await context.close();

    // What the API says: one ticket, the requester's reply public on it, nothing more by mail.
    const admin = await signIn(desk.baseUrl, ADMIN.email, ADMIN.password);
    const found = await call<{ items: { number: string }[] }>(desk.baseUrl, admin, 'GET', `/api/v1/tickets?q=${encodeURIComponent('Outlook password')}`);
    expect(found.items.map((t) => t.number)).toEqual([number]);
    transport.close();
  });
});
