import nodemailer from 'nodemailer';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, launchBrowser, screenshot, watchPageErrors } from './support/browser.js';
import { freePort } from './support/desk-api.js';
import { ADMIN, buildDesk, startDeskProcess, type DeskProcess } from './support/desk-process.js';
import { signInThroughForm } from './support/pages.js';

const DOMAIN = 'desk.e2e.test';

/** Thirty nested multiparts: more than the parser's depth limit, so it is poison by design. */
function poisonMessage(): string {
  const lines = [
    'From: Printer Robot <robot@example.org>',
    `To: support@${DOMAIN}`,
    'Subject: Toner report (deeply nested)',
    'Date: Sun, 29 Nov 2026 10:00:00 +0000',
    'Message-ID: <toner-report-1@example.org>',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="b0"',
    '',
  ];
  for (let level = 1; level < 30; level++) lines.push(`--b${level - 1}`, `Content-Type: multipart/mixed; boundary="b${level}"`, '');
  lines.push('--b29', 'Content-Type: text/plain', '', 'innermost', '--b29--', '');
  return lines.join('\r\n');
}

/**
 * Mail that cannot be filed waits in quarantine while the rest flows: real SMTP into the
 * desk's listener, then an admin sees the held message in the browser and discards it.
 */
describe.skipIf(!browserAvailable())('mail quarantine in the admin area [sqlite]', () => {
  let desk: DeskProcess;
  let browser: Browser;
  let smtpPort: number;

  beforeAll(async () => {
    buildDesk();
    smtpPort = await freePort();
    desk = await startDeskProcess({
      port: await freePort(),
      env: { DESKSIDE_SMTP_LISTEN: `127.0.0.1:${smtpPort}`, DESKSIDE_MAIL_DOMAIN: DOMAIN },
    });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await desk?.stop();
  });

  it('a poison message is held and shown by its headers only; the next mail still becomes a ticket; discard clears it', async () => {
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true });
    const envelope = { from: 'robot@example.org', to: [`support@${DOMAIN}`] };
    await transport.sendMail({ envelope, raw: poisonMessage() });
    await transport.sendMail({
      from: 'Ana Ribeiro <ana.ribeiro@example.org>',
      to: `support@${DOMAIN}`,
      subject: 'Scanner on floor 4 sends blank pages',
      text: 'Every scan to e-mail from the floor 4 scanner arrives as a blank PDF since this morning.',
    });
    transport.close();

    const { context, page } = await signInThroughForm(browser, desk.baseUrl, ADMIN.email, ADMIN.password);
    const errors = watchPageErrors(page);
    await page.goto('/admin');
    await page.getByRole('link', { name: 'Mail quarantine' }).click();
    const row = page.getByTestId('quarantine-row');
    await row.first().waitFor();
    expect(await row.count()).toBe(1);
    const shown = await row.first().innerText();
    expect(shown).toContain('Toner report (deeply nested)');
    expect(shown).toMatch(/too-deep/);
    // Headers only: the body never reaches the page.
    expect(await page.getByTestId('mail-quarantine-table').innerText()).not.toContain('innermost');
    await screenshot(page, '81-admin-mail-quarantine');

    // The well-formed mail after it was filed as a ticket from a new requester.
    await page.goto('/desk');
    await page.locator('[data-testid="queue-row"]', { hasText: 'Scanner on floor 4 sends blank pages' }).waitFor();

    await page.goto('/admin/mail-quarantine');
    await row.first().getByTestId('discard-mail').click();
    await page.getByTestId('no-quarantined-mail').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });
});
