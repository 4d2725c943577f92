import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dovecotProblem, startDovecot, type Dovecot } from '../packages/server/test/support/dovecot.js';
import { browserAvailable, launchBrowser, screenshot, watchPageErrors } from './support/browser.js';
import { freePort } from './support/desk-api.js';
import { ADMIN, buildDesk, startDeskProcess, type DeskProcess } from './support/desk-process.js';
import { signInThroughForm } from './support/pages.js';

const DOMAIN = 'desk.e2e.test';
const skip = !browserAvailable() ? 'no browser' : dovecotProblem;

/**
 * Both ways in on one admin page: the SMTP listener read-only, and an IMAP mailbox the admin
 * adds in the browser, pointing at a real dovecot; its mail becomes a ticket.
 */
describe.skipIf(skip !== null)(`inbound mail in the admin area [sqlite]${skip ? ` (${skip})` : ''}`, () => {
  let desk: DeskProcess;
  let browser: Browser;
  let dovecot: Dovecot;
  let smtpPort: number;

  beforeAll(async () => {
    buildDesk();
    dovecot = await startDovecot();
    smtpPort = await freePort();
    desk = await startDeskProcess({ port: await freePort(), env: { DESKSIDE_SMTP_LISTEN: `127.0.0.1:${smtpPort}`, DESKSIDE_MAIL_DOMAIN: DOMAIN } });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await desk?.stop();
    await dovecot?.stop();
  });

  it('adds an IMAP mailbox, tests the connection, and sees a message become a ticket', async () => {
    const { context, page } = await signInThroughForm(browser, desk.baseUrl, ADMIN.email, ADMIN.password);
    const errors = watchPageErrors(page);
    await page.goto('/admin');
    await page.getByRole('link', { name: 'Inbound mail' }).click();
    const smtp = page.getByTestId('smtp-listener');
    await smtp.getByText('Listening').waitFor();
    expect(await smtp.innerText()).toContain(`127.0.0.1:${smtpPort}`);
    expect(await smtp.innerText()).toContain(`@${DOMAIN}`);

    await page.getByTestId('new-mailbox').click();
    const form = page.getByTestId('mailbox-form');
    await form.getByTestId('mailbox-address').fill(`support@${DOMAIN}`);
    await form.getByTestId('mailbox-host').fill('imap.example.com');
    await form.getByTestId('mailbox-tls').selectOption('none');
    await form.getByTestId('mailbox-port').fill(String(dovecot.port));
    await form.getByTestId('mailbox-username').fill(dovecot.user);
    await form.getByTestId('mailbox-password').fill(dovecot.password);
    // Plain IMAP to another machine is refused beside the field until the admin allows it or names this machine.
    await page.getByTestId('save-mailbox').click();
    await form.getByText('a connection without TLS sends the password in clear', { exact: false }).waitFor();
    await form.getByTestId('mailbox-host').fill('127.0.0.1');
    await page.getByTestId('save-mailbox').click();
    await page.getByTestId('mailbox-saved').waitFor();

    const row = page.getByTestId('mailbox-row');
    await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(1);
    const shown = await row.first().innerText();
    expect(shown).toContain(`support@${DOMAIN}`);
    expect(shown).toContain(`${dovecot.user} at 127.0.0.1:${dovecot.port}`);
    expect(await page.content()).not.toContain(dovecot.password);

    await row.first().getByTestId('test-mailbox').click();
    const result = row.first().getByTestId('mailbox-test-result');
    await result.waitFor();
    expect(await result.innerText()).toMatch(/^Connected: 0 messages in INBOX; new mail is seen at once \(IDLE\)/);

    const uid = await dovecot.append(
      'INBOX',
      [
        'From: Tomas Berg <tomas.berg@example.org>',
        `To: support@${DOMAIN}`,
        'Subject: Conference room display shows no signal',
        'Date: Sun, 29 Nov 2026 10:00:00 +0000',
        'Message-ID: <room-display-1@example.org>',
        'MIME-Version: 1.0',
        'Content-Type: text/plain; charset=utf-8',
        '',
        'The display in room Fjord shows "no signal" with every laptop since Monday.',
        '',
      ].join('\r\n'),
    );
    // A worker node picks the mailbox up, files the message, then flags it at the source.
    await expect.poll(async () => (await dovecot.flags('INBOX')).get(uid), { timeout: 30_000 }).toEqual(['$Deskside', '\\Seen']);
    await expect.poll(async () => {
      await page.reload();
      await row.first().waitFor();
      return row.first().getByTestId('mailbox-filed').innerText();
    }, { timeout: 15_000 }).toBe('1 message filed');
    await screenshot(page, '82-admin-inbound-mail');

    await page.goto('/desk');
    await page.locator('[data-testid="queue-row"]', { hasText: 'Conference room display shows no signal' }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });
});
