import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GROUPS_BASE, PEOPLE_BASE, SERVICE_DN } from '../packages/server/test/support/slapd-directory.js';
import { slapdProblem, startSlapd, type Slapd } from '../packages/server/test/support/slapd.js';
import { browserAvailable, launchBrowser, screenshot, watchPageErrors } from './support/browser.js';
import { freePort } from './support/desk-api.js';
import { ADMIN, buildDesk, startDeskProcess, type DeskProcess } from './support/desk-process.js';
import { signInThroughForm } from './support/pages.js';

const skip = !browserAvailable() ? 'no browser' : slapdProblem;

/** An admin points the desk at a real slapd, tests the connection, syncs, and sees the people counted. */
describe.skipIf(skip !== null)(`directory in the admin area [sqlite]${skip ? ` (${skip})` : ''}`, () => {
  let desk: DeskProcess;
  let browser: Browser;
  let slapd: Slapd;

  beforeAll(async () => {
    buildDesk();
    slapd = await startSlapd();
    desk = await startDeskProcess({ port: await freePort() });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await desk?.stop();
    await slapd?.stop();
  });

  it('configures the connection, tests it and syncs people of record', async () => {
    const { context, page } = await signInThroughForm(browser, desk.baseUrl, ADMIN.email, ADMIN.password);
    const errors = watchPageErrors(page);
    await page.goto('/admin');
    await page.getByRole('link', { name: 'Directory' }).click();
    const form = page.getByTestId('directory-form');
    await form.getByTestId('directory-url').fill(slapd.url);
    await form.getByTestId('directory-starttls').click();
    await form.getByTestId('directory-bind-dn').fill(SERVICE_DN);
    await form.getByTestId('directory-bind-password').fill(slapd.fixture.servicePassword);
    await form.getByTestId('directory-people-base').fill(PEOPLE_BASE);
    await form.getByTestId('directory-groups-base').fill(GROUPS_BASE);
    await page.getByTestId('save-directory').click();
    await page.getByTestId('directory-saved').waitFor();
    expect(await page.content()).not.toContain(slapd.fixture.servicePassword);

    await page.getByTestId('test-directory').click();
    await page.getByTestId('directory-test-result').getByText('Connected').waitFor();
    await page.getByTestId('sync-directory').click();
    await page.getByTestId('directory-counts').getByText('15 people of record').waitFor({ timeout: 20_000 });
    await screenshot(page, 'admin-directory');
    expect(errors).toEqual([]);
    await context.close();
  });
});
