import { randomBytes } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, launchBrowser, screenshot, watchPageErrors } from './support/browser.js';
import { freePort } from './support/desk-api.js';
import { ADMIN, buildDesk, startDeskProcess, type DeskProcess } from './support/desk-process.js';
import { signInThroughForm } from './support/pages.js';

const DOMAIN = 'desk.e2e.test';

/**
 * A mail with a file, sent over real SMTP to the desk's listener, shows the file on the desk
 * ticket as a download link; following it downloads the bytes, never renders them.
 */
describe.skipIf(!browserAvailable())('attachments from mail on the desk [sqlite]', () => {
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

  it('shows the file as a link on the ticket; the download is an attachment with its bytes', async () => {
    const capture = randomBytes(3000);
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true });
    await transport.sendMail({
      from: 'Tomás Ferreira <tomas.ferreira@example.org>',
      to: `support@${DOMAIN}`,
      subject: 'Wi-Fi drops in meeting room 2',
      text: 'The access point log is attached.',
      attachments: [
        { filename: 'ap-log (room 2).bin', content: capture, contentType: 'application/octet-stream' },
        { filename: 'notes.html', content: '<script>alert(1)</script>', contentType: 'text/html' },
      ],
    });
    transport.close();

    const { context, page } = await signInThroughForm(browser, desk.baseUrl, ADMIN.email, ADMIN.password);
    const errors = watchPageErrors(page);
    await page.goto('/desk');
    const row = page.locator('[data-testid="queue-row"]', { hasText: 'Wi-Fi drops in meeting room 2' });
    await row.waitFor();
    await page.goto(`/desk/tickets/${await row.getAttribute('data-ticket-number')}`);

    const links = page.getByTestId('attachment-link');
    await links.first().waitFor();
    expect(await links.allInnerTexts()).toEqual(['ap-log (room 2).bin', 'notes.html']);
    await screenshot(page, '85-desk-ticket-attachments');

    // Fetched the way the browser would, with the session's cookie.
    const res = await context.request.get((await links.first().getAttribute('href'))!);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-disposition']).toBe(`attachment; filename="ap-log (room 2).bin"; filename*=UTF-8''ap-log%20%28room%202%29.bin`);
    expect(res.headers()['x-content-type-options']).toBe('nosniff');
    expect(res.headers()['content-security-policy']).toBe("default-src 'none'; sandbox");
    expect(Buffer.from(await res.body()).equals(capture)).toBe(true);

    // Clicking the HTML file downloads it; the page stays where it is and nothing runs.
    const [download] = await Promise.all([page.waitForEvent('download'), links.nth(1).click()]);
    expect(download.suggestedFilename()).toBe('notes.html');
    const html = await context.request.get((await links.nth(1).getAttribute('href'))!);
    expect(html.headers()['content-type']).toBe('application/octet-stream');
    expect(html.headers()['content-disposition']).toMatch(/^attachment;/);
    expect(page.url()).toMatch(/\/desk\/tickets\/INC-\d+$/);
    expect(errors).toEqual([]);
    await context.close();
  });
});
