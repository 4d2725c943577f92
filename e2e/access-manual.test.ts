import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Authenticator } from '../packages/server/test/support/totp.js';
import { browserAvailable, launchBrowser, screenshot, watchPageErrors } from './support/browser.js';
import { addPeople, call, freePort, PEOPLE, signIn } from './support/desk-api.js';
import { ADMIN, buildDesk, startDeskProcess, type DeskProcess } from './support/desk-process.js';
import { settleContactDetails, signInWithCode, withTotp } from './support/directory-desk.js';

const skip = browserAvailable() ? null : 'no browser';

/**
 * A desk with a manual directory: the admin enters people of record in Admin > Directory, an
 * agent unlocks one of them from the ticket, follows the console steps the desk shows and records
 * the change; only then is the request executed.
 */
describe.skipIf(skip !== null)(`identity action by hand on a manual directory [sqlite]${skip ? ` (${skip})` : ''}`, () => {
  let desk: DeskProcess;
  let browser: Browser;
  let authenticator: Authenticator;
  let ticketNumber: string;
  const dataDir = mkdtempSync(join(tmpdir(), 'deskside-e2e-manual-'));

  beforeAll(async () => {
    buildDesk();
    desk = await startDeskProcess({ port: await freePort(), dataDir });
    await addPeople(desk.baseUrl);
    authenticator = (await withTotp(desk.baseUrl, PEOPLE.agent.email, PEOPLE.agent.password)).authenticator;
    const requester = await signIn(desk.baseUrl, PEOPLE.requester.email, PEOPLE.requester.password);
    const ticket = await call<{ number: string }>(desk.baseUrl, requester, 'POST', '/api/v1/tickets', {
      type: 'incident', subject: 'Colleague cannot sign in', description: 'Ada in Finance says her account is locked.', impact: 3, urgency: 2,
    });
    ticketNumber = ticket.number;
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await desk?.stop();
  });

  it('an admin sets up a manual directory and enters its people of record', async () => {
    const context = await browser.newContext({ baseURL: desk.baseUrl, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors = watchPageErrors(page);
    await page.goto('/login');
    await page.getByLabel('E-mail').fill(ADMIN.email);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByTestId('signed-in-as').waitFor();

    await page.goto('/admin/directory');
    await page.getByTestId('directory-kind').selectOption('manual');
    await page.getByTestId('save-directory').click();
    await page.getByTestId('directory-saved').waitFor();

    const section = page.getByTestId('manual-people');
    const add = async (person: { id: string; name: string; email: string; phone: string; manager?: string }) => {
      await section.getByTestId('add-manual-person').click();
      const form = section.getByTestId('manual-person-form');
      await form.getByTestId('manual-person-id').fill(person.id);
      await form.getByTestId('manual-person-name').fill(person.name);
      await form.getByTestId('manual-person-email').fill(person.email);
      await form.getByTestId('manual-person-phone').fill(person.phone);
      if (person.manager) await form.getByTestId('manual-person-manager').selectOption({ label: person.manager });
      await form.getByTestId('save-manual-person').click();
      await section.getByTestId('edit-manual-person').filter({ hasText: person.name }).waitFor();
    };
    await add({ id: 'gw-100', name: 'Grace Hopper', email: 'grace@e2e.test', phone: '+44 20 7946 0300' });
    await add({ id: 'gw-101', name: 'Ada Lovelace', email: 'ada@e2e.test', phone: '+44 20 7946 0301', manager: 'Grace Hopper' });
    await screenshot(page, 'access-manual-01-people');
    expect(await section.getByTestId('edit-manual-person').count()).toBe(2);
    expect(errors).toEqual([]);
    await context.close();
    // Setup only: entered today, the numbers would wait the policy's quiet days before a callback.
    settleContactDetails(dataDir, ['gw-100', 'gw-101']);
  });

  it('the agent unlocks by hand: the steps are shown, recording "done" executes it', async () => {
    const context = await browser.newContext({ baseURL: desk.baseUrl, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors = watchPageErrors(page);
    await signInWithCode(page, PEOPLE.agent.email, PEOPLE.agent.password, authenticator);

    await page.goto(`/desk/tickets/${ticketNumber}`);
    const panel = page.getByTestId('identity-actions');
    await panel.getByTestId('start-identity-action').click();
    await panel.getByLabel('Who is it for').fill('Lovel');
    await panel.getByTestId('directory-result').filter({ hasText: 'Ada Lovelace' }).click();
    await panel.getByLabel('What the caller said').fill('Locked out after the long weekend.');
    await panel.getByTestId('open-access-request').click();

    const request = panel.getByTestId('access-request');
    await request.and(page.locator('[data-state="requested"]')).waitFor();
    await request.getByTestId('confirm-callback').click();
    await request.and(page.locator('[data-state="verified"]')).waitFor();
    await request.getByTestId('execute-access').click();

    await request.and(page.locator('[data-state="unknown_outcome"]')).waitFor();
    const steps = request.getByTestId('manual-step-list').locator('li');
    await steps.first().waitFor();
    expect(await steps.count()).toBe(3);
    expect(await steps.first().innerText()).toContain('Ada Lovelace (id gw-101, ada@e2e.test)');
    // Nothing to check in a directory: the only way on is the agent's record.
    expect(await request.getByTestId('execute-access').count()).toBe(0);
    expect(await request.getByText('did not answer').count()).toBe(0);
    await screenshot(page, 'access-manual-02-steps');

    await request.getByTestId('manual-done').click();
    // This desk sends no mail, so it never claims a notice went out: executed, not notified.
    await request.and(page.locator('[data-state="executed"]')).waitFor();
    expect(await request.getByTestId('manual-steps').count()).toBe(0);
    await screenshot(page, 'access-manual-03-notified');
    expect(errors).toEqual([]);
    await context.close();
  });
});
