import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slapdProblem, startSlapd, type Slapd } from '../packages/server/test/support/slapd.js';
import type { Authenticator } from '../packages/server/test/support/totp.js';
import { browserAvailable, launchBrowser, screenshot, watchPageErrors } from './support/browser.js';
import { addPeople, type ApiSession, call, freePort, PEOPLE, signIn } from './support/desk-api.js';
import { ADMIN, buildDesk, startDeskProcess, type DeskProcess } from './support/desk-process.js';
import { connectDirectory, settleContactDetails, signInWithCode, withTotp } from './support/directory-desk.js';

const skip = !browserAvailable() ? 'no browser' : slapdProblem;
const DAY = 24 * 60 * 60 * 1000;


/**
 * An agent adds a person to a directory group until a date, from the ticket: picks the person and
 * the group from the directory, calls back; a colleague approves; the agent executes; slapd agrees.
 */
describe.skipIf(skip !== null)(`identity action on the desk ticket: time-bound group membership [sqlite]${skip ? ` (${skip})` : ''}`, () => {
  let desk: DeskProcess;
  let browser: Browser;
  let slapd: Slapd;
  let authenticator: Authenticator;
  let approver: ApiSession;
  let ticketNumber: string;
  const dataDir = mkdtempSync(join(tmpdir(), 'deskside-e2e-groups-'));

  beforeAll(async () => {
    buildDesk();
    slapd = await startSlapd();
    desk = await startDeskProcess({ port: await freePort(), dataDir });
    await addPeople(desk.baseUrl);
    const base = desk.baseUrl;
    authenticator = (await withTotp(base, PEOPLE.agent.email, PEOPLE.agent.password)).authenticator;

    const admin = await signIn(base, ADMIN.email, ADMIN.password);
    const groups = await call<{ items: { id: number; name: string }[] }>(base, admin, 'GET', '/api/v1/groups');
    const serviceDesk = groups.items.find((g) => g.name === 'Service Desk')!;
    const colleague = { email: 'ines.kovac@e2e.test', name: 'Ines Kovac', password: 'approver-e2e-passphrase' };
    await call(base, admin, 'POST', '/api/v1/people', { ...colleague, role: 'agent', groupIds: [serviceDesk.id] });
    approver = (await withTotp(base, colleague.email, colleague.password)).session;

    await connectDirectory(base, admin, slapd);
    // Setup only: the fixture was loaded today, so a callback would be refused; Lucas's number is a month old.
    settleContactDetails(dataDir, [slapd.fixture.people['lucas.moreau']!.id]);

    const requester = await signIn(base, PEOPLE.requester.email, PEOPLE.requester.password);
    const ticket = await call<{ number: string }>(base, requester, 'POST', '/api/v1/tickets', {
      type: 'service_request', subject: 'Access to the Finance mailbox', description: 'Lucas covers month-end close and needs the shared mailbox for two weeks.', impact: 3, urgency: 3,
    });
    ticketNumber = ticket.number;
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await desk?.stop();
    await slapd?.stop();
  });

  it('adds Lucas to the Finance Mailbox group until a date, after a callback and a colleague\'s approval', async () => {
    const lucas = slapd.fixture.people['lucas.moreau']!;
    const mailbox = slapd.fixture.groups['Finance Mailbox']!;
    const context = await browser.newContext({ baseURL: desk.baseUrl, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors = watchPageErrors(page);

    await signInWithCode(page, PEOPLE.agent.email, PEOPLE.agent.password, authenticator);

    await page.goto(`/desk/tickets/${ticketNumber}`);
    const panel = page.getByTestId('identity-actions');
    await panel.getByTestId('start-identity-action').click();
    await panel.getByLabel('Who is it for').fill('Moreau');
    await panel.getByTestId('directory-result').filter({ hasText: 'Lucas Moreau' }).click();
    await expect.poll(() => panel.getByTestId('picked-person').getAttribute('data-directory-id')).toBe(lucas.id);
    await panel.getByRole('radio', { name: 'Add to a group' }).check();
    await panel.getByLabel('Which group').fill('Finance M');
    await panel.getByTestId('group-result').filter({ hasText: 'Finance Mailbox' }).click();
    await expect.poll(() => panel.getByTestId('picked-group').getAttribute('data-group-id')).toBe(mailbox.id);
    const until = new Date(Date.now() + 14 * DAY);
    const day = `${until.getFullYear()}-${String(until.getMonth() + 1).padStart(2, '0')}-${String(until.getDate()).padStart(2, '0')}`;
    await panel.getByLabel('Remove automatically on (optional)').fill(day);
    await panel.getByLabel('What the caller said').fill('Covering month-end close for two weeks.');
    await screenshot(page, 'access-group-01-form');
    await panel.getByTestId('open-access-request').click();

    const request = panel.getByTestId('access-request');
    await request.and(page.locator('[data-state="requested"]')).waitFor();
    await request.getByTestId('group-action-summary').filter({ hasText: 'Finance Mailbox' }).waitFor();
    expect(await request.getByTestId('group-action-summary').innerText()).toContain('removed automatically');
    await request.getByTestId('confirm-callback').click();
    await request.and(page.locator('[data-state="verified"]')).waitFor();
    // A standard add still needs one approver besides the agent.
    expect(await request.getByTestId('execute-access').isDisabled()).toBe(true);
    const id = (await call<{ items: { id: string }[] }>(desk.baseUrl, approver, 'GET', `/api/v1/tickets/${ticketNumber}/access-requests`)).items[0]!.id;
    await call(desk.baseUrl, approver, 'POST', `/api/v1/access-requests/${id}/approvals`, {});

    await page.reload();
    const approved = panel.getByTestId('access-request').and(page.locator('[data-state="approved"]'));
    await approved.waitFor();
    await screenshot(page, 'access-group-02-approved');
    await approved.getByTestId('execute-access').click();
    await panel.getByTestId('access-request').and(page.locator('[data-state="notified"], [data-state="executed"]')).waitFor();
    await screenshot(page, 'access-group-03-executed');

    const members = [(await slapd.readAsRoot(mailbox.dn, ['member'])).member ?? []].flat().map((m) => String(m).toLowerCase());
    expect(members).toContain(lucas.dn.toLowerCase());
    expect(errors).toEqual([]);
    await context.close();
  });
});
