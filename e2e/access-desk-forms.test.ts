import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MFA_FACTOR_ATTRIBUTE } from '../packages/server/test/support/slapd-mfa-schema.js';
import { slapdProblem, startSlapd, type Slapd } from '../packages/server/test/support/slapd.js';
import { startSmtpSink, type SmtpSink } from '../packages/server/test/support/smtp-sink.js';
import { addAgentWithTotp, type DeskAgent, focusedElement, signInAgent, unlabelledControls } from './support/access-agents.js';
import { browserAvailable, launchBrowser, screenshot } from './support/browser.js';
import { addPeople, call, freePort, PEOPLE, signIn, type ApiSession } from './support/desk-api.js';
import { ADMIN, buildDesk, startDeskProcess, type DeskProcess } from './support/desk-process.js';
import { connectDirectory, settleContactDetails } from './support/directory-desk.js';

const skip = !browserAvailable() ? 'no browser' : slapdProblem;
const DOMAIN = 'desk.e2e.test';


interface PoolJson { id: number; name: string; seatsInUse: number; seatsFree: number }

/**
 * The desk's identity-action forms as agents use them: an MFA reset verified by a callback and an
 * in-person check two agents share, a licence seat assigned and reclaimed from a pool, a
 * break-glass request two colleagues approve, and the forms by keyboard.
 */
describe.skipIf(skip !== null)(`identity-action forms on the desk ticket [sqlite]${skip ? ` (${skip})` : ''}`, () => {
  let desk: DeskProcess;
  let browser: Browser;
  let slapd: Slapd;
  let sink: SmtpSink;
  let admin: ApiSession;
  let sam: DeskAgent;
  let ines: DeskAgent;
  let omar: DeskAgent;
  const tickets: Record<'mfa' | 'licence' | 'breakGlass' | 'keyboard', string> = { mfa: '', licence: '', breakGlass: '', keyboard: '' };
  const dataDir = mkdtempSync(join(tmpdir(), 'deskside-e2e-forms-'));
  const person = (uid: string) => slapd.fixture.people[uid]!;
  const factorsAsRoot = async (uid: string) => {
    const values = (await slapd.readAsRoot(person(uid).dn, [MFA_FACTOR_ATTRIBUTE]))[MFA_FACTOR_ATTRIBUTE] ?? [];
    return (Array.isArray(values) ? values : [values]).map(String);
  };
  const membersOf = async (group: string) => {
    const member = (await slapd.readAsRoot(slapd.fixture.groups[group]!.dn, ['member'])).member ?? [];
    return (Array.isArray(member) ? member : [member]).map((m) => String(m).toLowerCase());
  };
  const stateOf = (page: Page, states: string) => page.getByTestId('identity-actions').getByTestId('access-request').and(page.locator(states.split(',').map((s) => `[data-state="${s}"]`).join(', ')));

  /** Starts the form on a ticket and picks a person and an action, as an agent does. */
  const startForm = async (page: Page, ticket: string, search: string, name: string, action: string): Promise<Locator> => {
    await page.goto(`/desk/tickets/${ticket}`);
    const panel = page.getByTestId('identity-actions');
    await panel.getByTestId('start-identity-action').click();
    await panel.getByLabel('Who is it for').fill(search);
    await panel.getByTestId('directory-result').filter({ hasText: name }).click();
    await panel.getByTestId('picked-person').waitFor();
    await panel.getByRole('radio', { name: action }).check();
    return panel;
  };

  beforeAll(async () => {
    buildDesk();
    slapd = await startSlapd();
    sink = await startSmtpSink();
    desk = await startDeskProcess({
      port: await freePort(), dataDir,
      // Every agent's browser signs in from 127.0.0.1: the per-address sign-in cap must allow a team.
      env: { DESKSIDE_MAIL_DOMAIN: DOMAIN, DESKSIDE_SMTP_URL: sink.url, DESKSIDE_MAIL_FROM: `IT Support <support@${DOMAIN}>`, DESKSIDE_LOGIN_RATE_PER_MIN: '200' },
    });
    const base = desk.baseUrl;
    await addPeople(base);
    sam = await addAgentWithTotp(base, PEOPLE.agent, false);
    ines = await addAgentWithTotp(base, { email: 'ines.kovac@e2e.test', name: 'Ines Kovac', password: 'ines-e2e-passphrase' });
    omar = await addAgentWithTotp(base, { email: 'omar.haddad@e2e.test', name: 'Omar Haddad', password: 'omar-e2e-passphrase' });

    // Fatima and Mei are locked out before the desk first reads the directory.
    for (const uid of ['fatima.zahra', 'mei.wong']) {
      for (let i = 0; i < 3; i++) expect(await slapd.tryBind(person(uid).dn, 'wrong-password')).toBe(false);
    }
    admin = await signIn(base, ADMIN.email, ADMIN.password);
    await connectDirectory(base, admin, slapd, { attributes: { mfaFactors: MFA_FACTOR_ATTRIBUTE } });
    settleContactDetails(dataDir, 'everyone');

    const requester = await signIn(base, PEOPLE.requester.email, PEOPLE.requester.password);
    const open = (subject: string, description: string) =>
      call<{ number: string }>(base, requester, 'POST', '/api/v1/tickets', { type: 'service_request', subject, description, impact: 3, urgency: 3 }).then((t) => t.number);
    tickets.mfa = await open('Authenticator app after a phone repair', 'Amara in Finance had her phone repaired and the authenticator app is empty.');
    tickets.licence = await open('Office licence for Diego', 'Diego in Sales joins the proposals project and needs Office.');
    tickets.breakGlass = await open('Fatima locked out at the trade fair', 'Fatima is at the trade fair abroad; her desk phone of record is in the office.');
    tickets.keyboard = await open('Mei locked out', 'Mei in the warehouse typed her password wrong three times.');
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await desk?.stop();
    await sink?.close();
    await slapd?.stop();
  });

  it('MFA reset: a callback, then an in-person check attested by one agent and confirmed by another; the factors are gone', async () => {
    expect(await factorsAsRoot('amara.okafor')).toHaveLength(2);
    const agent = await signInAgent(browser, desk.baseUrl, sam);
    const panel = await startForm(agent.page, tickets.mfa, 'Okafor', 'Amara Okafor', 'Reset two-factor sign-in');
    await panel.getByLabel('What the caller said').fill('Her phone was repaired and the authenticator app came back empty.');
    await screenshot(agent.page, 'forms-01-mfa-form');
    await panel.getByTestId('open-access-request').click();
    const request = stateOf(agent.page, 'requested');
    await request.waitFor();
    expect(await request.getByTestId('access-requirements').innerText()).toContain('2 verification methods');

    await request.getByTestId('confirm-callback').click();
    await request.getByTestId('access-missing').getByText(/Done so far: 1/).waitFor();
    await request.getByTestId('in-person-document').fill('staff badge and passport');
    await request.getByTestId('confirm-in-person').click();
    await request.getByTestId('access-missing').getByText('An in-person check waits for a second agent to confirm it').waitFor();
    // The agent who attested waits; only a colleague can confirm.
    await request.getByTestId('in-person-waiting').waitFor();
    expect(await request.getByTestId('confirm-in-person').count()).toBe(0);
    await screenshot(agent.page, 'forms-02-mfa-waiting-second-agent');

    // Ines confirms the check in her own browser session.
    const second = await signInAgent(browser, desk.baseUrl, ines);
    await second.page.goto(`/desk/tickets/${tickets.mfa}`);
    const hers = stateOf(second.page, 'requested');
    await hers.getByTestId('in-person-document').fill('staff badge');
    await screenshot(second.page, 'forms-03-mfa-second-agent');
    await hers.getByTestId('confirm-in-person').click();
    await stateOf(second.page, 'verified').waitFor();
    expect(second.errors).toEqual([]);
    await second.close();

    await agent.page.reload();
    const verified = stateOf(agent.page, 'verified');
    await verified.getByTestId('execute-access').click();
    const done = stateOf(agent.page, 'executed,notified');
    await done.waitFor();
    expect(await done.getByTestId('access-state').innerText()).toMatch(/executed|notified/);
    await screenshot(agent.page, 'forms-04-mfa-done');
    expect(await factorsAsRoot('amara.okafor')).toEqual([]);
    expect(await slapd.tryBind(person('amara.okafor').dn, person('amara.okafor').password)).toBe(true);
    expect(agent.errors).toEqual([]);
    await agent.close();
  });

  it('licence: the agent picks a pool with a group, the seat is used and the person is in the group; reclaim picks the pool they hold', async () => {
    const diego = person('diego.alvarez');
    const pool = await call<PoolJson>(desk.baseUrl, admin, 'POST', '/api/v1/admin/license-pools', {
      name: 'Office E3 (Sales)', product: 'Microsoft 365 E3', seatCount: 3, groupId: slapd.fixture.groups['Sales Drive']!.id,
    });
    const agent = await signInAgent(browser, desk.baseUrl, sam);
    const panel = await startForm(agent.page, tickets.licence, 'Alvar', 'Diego Alvarez', 'Assign a licence');
    const select = panel.getByLabel('Licence pool');
    expect(await select.locator('option').allInnerTexts()).toContain('Office E3 (Sales) (Microsoft 365 E3): 3 of 3 free');
    await select.selectOption(String(pool.id));
    await panel.getByLabel('What the caller said').fill('Joins the proposals project on Monday.');
    await screenshot(agent.page, 'forms-05-licence-form');
    await panel.getByTestId('open-access-request').click();
    const request = stateOf(agent.page, 'requested');
    await request.waitFor();
    expect(await request.getByTestId('license-action-summary').innerText()).toBe('Licence pool: Office E3 (Sales) (Microsoft 365 E3) · granted through the directory group Sales Drive');
    await request.getByTestId('confirm-callback').click();
    await stateOf(agent.page, 'verified').getByTestId('execute-access').click();
    await stateOf(agent.page, 'executed,notified').waitFor();
    await screenshot(agent.page, 'forms-06-licence-assigned');
    expect(await membersOf('Sales Drive')).toContain(diego.dn.toLowerCase());
    const pools = await call<{ items: PoolJson[] }>(desk.baseUrl, admin, 'GET', '/api/v1/admin/license-pools');
    expect(pools.items.find((p) => p.id === pool.id)).toMatchObject({ seatsInUse: 1, seatsFree: 2 });

    // The desk form shows the seat as used: to anyone else 2 of 3 are free; to Diego it is his already.
    const other = await startForm(agent.page, tickets.licence, 'Moreau', 'Lucas Moreau', 'Assign a licence');
    expect(await other.getByLabel('Licence pool').locator('option').allInnerTexts()).toContain('Office E3 (Sales) (Microsoft 365 E3): 2 of 3 free');
    const again = await startForm(agent.page, tickets.licence, 'Alvar', 'Diego Alvarez', 'Assign a licence');
    expect(await again.getByLabel('Licence pool').locator('option').allInnerTexts()).toContain('Office E3 (Sales) (Microsoft 365 E3): already held by this person');

    await again.getByRole('radio', { name: 'Reclaim a licence' }).check();
    const reclaim = again.getByLabel('Licence to reclaim');
    expect(await reclaim.locator('option').allInnerTexts()).toEqual(['Pick a pool', 'Office E3 (Sales) (Microsoft 365 E3)']);
    await reclaim.selectOption(String(pool.id));
    await again.getByLabel('What the caller said').fill('Diego leaves the project; the seat goes back.');
    await again.getByTestId('open-access-request').click();
    const reclaiming = stateOf(agent.page, 'requested');
    await reclaiming.getByTestId('confirm-callback').click();
    await stateOf(agent.page, 'verified').getByTestId('execute-access').click();
    await agent.page.getByTestId('identity-actions').getByTestId('access-request').and(agent.page.locator('[data-state="executed"], [data-state="notified"]')).nth(1).waitFor();
    await screenshot(agent.page, 'forms-07-licence-reclaimed');
    expect(await membersOf('Sales Drive')).not.toContain(diego.dn.toLowerCase());
    const after = await call<{ items: PoolJson[] }>(desk.baseUrl, admin, 'GET', '/api/v1/admin/license-pools');
    expect(after.items.find((p) => p.id === pool.id)).toMatchObject({ seatsInUse: 0, seatsFree: 3 });
    expect(agent.errors).toEqual([]);
    await agent.close();
  });

  it('break-glass: a short reason is named beside its field; a proper one opens a red request that two colleagues approve', async () => {
    const fatima = person('fatima.zahra');
    const agent = await signInAgent(browser, desk.baseUrl, sam, [422, 409]);
    const panel = await startForm(agent.page, tickets.breakGlass, 'Zahra', 'Fatima Zahra', 'Unlock the account');
    await panel.getByLabel('What the caller said').fill('She is at the trade fair and cannot sign in.');
    await panel.getByTestId('break-glass-toggle').check();
    const reason = panel.getByLabel('Why the usual way is not possible');
    await reason.fill('Abroad');
    await panel.getByTestId('open-access-request').click();
    await panel.locator('[data-testid="break-glass-reason"][aria-invalid="true"]').waitFor();
    const fieldError = panel.getByTestId('break-glass-reason-error');
    expect(await fieldError.innerText()).toContain('at least 20 characters');
    expect(await panel.getByTestId('form-error').innerText()).not.toMatch(/Something went wrong/);
    await screenshot(agent.page, 'forms-08-break-glass-short-reason');

    await reason.fill('Fatima is abroad at the trade fair; her phone of record is her desk phone in the closed office.');
    await panel.getByTestId('open-access-request').click();
    const request = stateOf(agent.page, 'requested');
    await request.getByTestId('break-glass-reason-shown').waitFor();
    expect(await request.getByTestId('access-requirements').innerText()).toMatch(/2 approver/);
    await request.getByTestId('confirm-callback').click();
    await stateOf(agent.page, 'verified').waitFor();
    await screenshot(agent.page, 'forms-09-break-glass-opened');
    expect(await stateOf(agent.page, 'verified').getByTestId('execute-access').isDisabled()).toBe(true);
    // The agent who opened it is offered no Approve button (the server refuses it too: access-break-glass.test.ts).
    expect(await stateOf(agent.page, 'verified').getByTestId('approve-access').count()).toBe(0);

    for (const colleague of [ines, omar]) {
      const theirs = await signInAgent(browser, desk.baseUrl, colleague);
      await theirs.page.goto(`/desk/tickets/${tickets.breakGlass}`);
      const card = stateOf(theirs.page, 'verified');
      const approvals = colleague === ines ? 0 : 1;
      const approve = card.getByTestId('approve-access');
      expect(await approve.innerText()).toBe(`Approve (${approvals} of 2)`);
      await approve.click();
      if (colleague === ines) {
        await card.getByTestId('approval-given').getByText('You approved (1 of 2)').waitFor();
        expect(await card.getByTestId('approve-access').count()).toBe(0);
        await screenshot(theirs.page, 'forms-10-break-glass-first-approval');
      } else {
        await stateOf(theirs.page, 'approved').waitFor();
      }
      expect(theirs.errors).toEqual([]);
      await theirs.close();
    }

    await agent.page.reload();
    await stateOf(agent.page, 'approved').getByTestId('execute-access').click();
    await stateOf(agent.page, 'executed,notified').waitFor();
    await screenshot(agent.page, 'forms-11-break-glass-done');
    expect(await slapd.tryBind(fatima.dn, fatima.password)).toBe(true);
    expect(agent.errors).toEqual([]);
    await agent.close();
  });

  it('by keyboard: every field has a label, focus follows open and execute, Escape cancels the form', async () => {
    const agent = await signInAgent(browser, desk.baseUrl, sam);
    const { page } = agent;
    await page.goto(`/desk/tickets/${tickets.keyboard}`);
    const panel = page.getByTestId('identity-actions');
    await panel.getByTestId('start-identity-action').focus();
    await page.keyboard.press('Enter');
    expect((await focusedElement(page)).id).toBe('start-access-heading');

    // Search and pick with the keyboard alone; focus lands on the picked person.
    await page.keyboard.press('Tab');
    expect((await focusedElement(page)).testId).toBe('directory-search');
    await page.keyboard.type('Wong');
    await panel.getByTestId('directory-result').filter({ hasText: 'Mei Wong' }).waitFor();
    await page.keyboard.press('Tab');
    expect((await focusedElement(page)).text).toContain('Mei Wong');
    await page.keyboard.press('Enter');
    expect((await focusedElement(page)).testId).toBe('picked-person');

    // Each action's fields, with break-glass ticked, are all labelled.
    await panel.getByTestId('break-glass-toggle').check();
    for (const action of ['Unlock the account', 'Reset two-factor sign-in', 'Add to a group', 'Remove from a group', 'Assign a licence', 'Reclaim a licence']) {
      await panel.getByRole('radio', { name: action }).check();
      expect({ action, unlabelled: await unlabelledControls(page, '[data-testid="start-access-form"]') }).toEqual({ action, unlabelled: [] });
    }
    await screenshot(page, 'forms-12-keyboard-form');
    // Mei holds no seat: opening a reclaim says what is missing instead of doing nothing.
    await panel.getByTestId('open-access-request').click();
    expect(await panel.getByTestId('details-missing').innerText()).toBe('Pick the pool to take the seat back from first.');
    expect(await panel.getByTestId('access-request').count()).toBe(0);
    await panel.getByTestId('break-glass-toggle').uncheck();

    // Escape from inside a field closes the form and gives focus back to the button that opened it.
    await panel.getByLabel('What the caller said').focus();
    await page.keyboard.press('Escape');
    await panel.getByTestId('start-access-form').waitFor({ state: 'detached' });
    await expect.poll(async () => (await focusedElement(page)).testId).toBe('start-identity-action');

    await page.keyboard.press('Enter');
    await panel.getByLabel('Who is it for').fill('Wong');
    await panel.getByTestId('directory-result').filter({ hasText: 'Mei Wong' }).click();
    await panel.getByRole('radio', { name: 'Unlock the account' }).focus();
    await page.keyboard.press('Space');
    await panel.getByLabel('What the caller said').fill('Typed the password wrong three times.');
    await panel.getByTestId('open-access-request').focus();
    await page.keyboard.press('Enter');
    const request = stateOf(page, 'requested');
    await request.waitFor();
    await expect.poll(async () => (await focusedElement(page)).id).toMatch(/^req-/);
    expect(await unlabelledControls(page, '[data-testid="access-request"]')).toEqual([]);

    await request.getByTestId('confirm-callback').focus();
    await page.keyboard.press('Enter');
    const verified = stateOf(page, 'verified');
    await verified.waitFor();
    await expect.poll(async () => (await focusedElement(page)).id).toMatch(/^req-/);
    await verified.getByTestId('execute-access').focus();
    await page.keyboard.press('Enter');
    await stateOf(page, 'executed,notified').waitFor();
    await expect.poll(async () => (await focusedElement(page)).id).toMatch(/^req-/);
    await screenshot(page, 'forms-13-keyboard-done');
    expect(await slapd.tryBind(person('mei.wong').dn, person('mei.wong').password)).toBe(true);
    expect(agent.errors).toEqual([]);
    await agent.close();
  });
});
