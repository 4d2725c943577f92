import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slapdProblem, startSlapd, type Slapd } from '../packages/server/test/support/slapd.js';
import type { Authenticator } from '../packages/server/test/support/totp.js';
import { browserAvailable, launchBrowser, screenshot, watchPageErrors } from './support/browser.js';
import { addPeople, call, freePort, PEOPLE, signIn } from './support/desk-api.js';
import { ADMIN, buildDesk, startDeskProcess, type DeskProcess } from './support/desk-process.js';
import { connectDirectory, settleContactDetails, signInWithCode, withTotp } from './support/directory-desk.js';

const skip = !browserAvailable() ? 'no browser' : slapdProblem;


/**
 * An agent with two-factor sign-in unlocks a locked account from the ticket: picks the person
 * from the directory, sees the signs and the phone of record, calls back, executes; slapd agrees.
 */
describe.skipIf(skip !== null)(`identity action on the desk ticket: unlock [sqlite]${skip ? ` (${skip})` : ''}`, () => {
  let desk: DeskProcess;
  let browser: Browser;
  let slapd: Slapd;
  let authenticator: Authenticator;
  let ticketNumber: string;
  const dataDir = mkdtempSync(join(tmpdir(), 'deskside-e2e-access-'));

  beforeAll(async () => {
    buildDesk();
    slapd = await startSlapd();
    desk = await startDeskProcess({ port: await freePort(), dataDir });
    await addPeople(desk.baseUrl);
    const base = desk.baseUrl;

    // The agent turns on two-factor sign-in over the API; the browser signs in with a later code.
    authenticator = (await withTotp(base, PEOPLE.agent.email, PEOPLE.agent.password)).authenticator;

    // Diego is locked out by three wrong passwords before the desk first reads the directory.
    const diego = slapd.fixture.people['diego.alvarez']!;
    for (let i = 0; i < 3; i++) expect(await slapd.tryBind(diego.dn, 'wrong-password')).toBe(false);
    expect((await slapd.readAsRoot(diego.dn, ['pwdAccountLockedTime'])).pwdAccountLockedTime).toBeTruthy();

    const admin = await signIn(base, ADMIN.email, ADMIN.password);
    await connectDirectory(base, admin, slapd);
    // Setup only: Diego's contact details have been stable for a month (see settleContactDetails).
    settleContactDetails(dataDir, [diego.id]);

    const requester = await signIn(base, PEOPLE.requester.email, PEOPLE.requester.password);
    const ticket = await call<{ number: string }>(base, requester, 'POST', '/api/v1/tickets', {
      type: 'incident', subject: 'Colleague cannot sign in', description: 'Diego in Sales says his account is locked.', impact: 3, urgency: 2,
    });
    ticketNumber = ticket.number;
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await desk?.stop();
    await slapd?.stop();
  });

  it('unlocks a locked account after a callback to the phone of record', async () => {
    const diego = slapd.fixture.people['diego.alvarez']!;
    const context = await browser.newContext({ baseURL: desk.baseUrl, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors = watchPageErrors(page);

    await signInWithCode(page, PEOPLE.agent.email, PEOPLE.agent.password, authenticator);

    await page.goto(`/desk/tickets/${ticketNumber}`);
    const panel = page.getByTestId('identity-actions');
    await panel.getByRole('heading', { name: 'Identity actions' }).waitFor();
    await panel.getByTestId('start-identity-action').click();
    await panel.getByLabel('Who is it for').fill('Alvar');
    const result = panel.getByTestId('directory-result').filter({ hasText: 'Diego Alvarez' });
    await result.waitFor();
    await screenshot(page, 'access-01-picker');
    await result.click();
    await expect.poll(() => panel.getByTestId('picked-person').getAttribute('data-directory-id')).toBe(diego.id);
    expect(await panel.getByRole('radio', { name: 'Reset the password' }).isDisabled()).toBe(false);
    await panel.getByLabel('What the caller said').fill('He is locked out after the weekend and says it is urgent.');
    await panel.getByTestId('open-access-request').click();

    const request = panel.getByTestId('access-request');
    await request.and(page.locator('[data-state="requested"]')).waitFor();
    // One sign of pressure (weight 2) stays below the elevated level, so one callback is still enough.
    await request.getByTestId('signal-item').filter({ hasText: 'Pressure to hurry' }).waitFor();
    expect(await request.getByTestId('signal-level').innerText()).toBe('low');
    expect(await request.getByTestId('phone-of-record').inputValue()).toBe(diego.phone);
    await request.getByText('Call this number, not one the caller gives you').waitFor();
    expect(await request.getByTestId('access-missing').count()).toBe(1);
    expect(await request.locator('[aria-current="step"]').getAttribute('data-step')).toBe('requested');
    await screenshot(page, 'access-02-requested');

    await request.getByTestId('confirm-callback').click();
    await request.and(page.locator('[data-state="verified"]')).waitFor();
    expect(await request.getByTestId('execute-access').isEnabled()).toBe(true);
    await screenshot(page, 'access-03-verified');

    await request.getByTestId('execute-access').click();
    await request.and(page.locator('[data-state="executed"]')).waitFor();
    await request.getByTestId('access-state').filter({ hasText: 'executed' }).waitFor();
    expect(await request.locator('[aria-current="step"]').getAttribute('data-step')).toBe('executed');
    await screenshot(page, 'access-04-executed');
    // The ticket lists its identity actions from the server: a reload (or a colleague's desk) shows the same.
    await page.reload();
    await panel.getByTestId('access-request').and(page.locator('[data-state="executed"]')).waitFor();
    expect(await panel.getByTestId('access-request').count()).toBe(1);

    expect((await slapd.readAsRoot(diego.dn, ['pwdAccountLockedTime'])).pwdAccountLockedTime ?? []).toEqual([]);
    expect(await slapd.tryBind(diego.dn, diego.password)).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });
});
