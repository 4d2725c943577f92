import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, launchBrowser, screenshot, watchPageErrors } from './support/browser.js';
import { call, freePort, PEOPLE, signIn } from './support/desk-api.js';
import { useBrowserDesk } from './support/browser-desk.js';
import { ADMIN, buildDesk, startDeskProcess } from './support/desk-process.js';
import { expectDeskStatus, reportProblem, signInThroughForm } from './support/pages.js';

const SECOND_AGENT = { email: 'noor.haddad@e2e.test', name: 'Noor Haddad', password: 'second-agent-passphrase' };

/** The agent's working day beyond the main flow: phone tickets, priority, hand-offs, keyboard, replies. */
describe.skipIf(!browserAvailable())('working the desk in the browser [sqlite]', () => {
  const env = useBrowserDesk(async (desk) => {
    const admin = await signIn(desk.baseUrl, ADMIN.email, ADMIN.password);
    const groups = await call<{ items: { id: number; name: string }[] }>(desk.baseUrl, admin, 'GET', '/api/v1/groups');
    const serviceDesk = groups.items.find((g) => g.name === 'Service Desk')!;
    await call(desk.baseUrl, admin, 'POST', '/api/v1/people', { ...SECOND_AGENT, role: 'agent', groupIds: [serviceDesk.id] });
  });

  it('an agent logs a call for a caller, overrides priority with a reason, and hands it to a colleague who accepts', async () => {
    const { desk, browser } = env;
    const { context, page } = await signInThroughForm(browser, desk.baseUrl, PEOPLE.agent.email, PEOPLE.agent.password);
    const errors = watchPageErrors(page);
    await page.goto('/desk/new');
    await page.getByTestId('requester-search').fill('Lindqvist');
    await page.getByRole('button', { name: `Choose ${PEOPLE.requester.name}, ${PEOPLE.requester.email}` }).click();
    await page.getByTestId('chosen-requester').waitFor();
    await page.getByTestId('subject').fill('Whole finance floor cannot print payroll');
    await page.getByTestId('description').fill('Called in: every printer on floor 3 shows "offline" since 9:10; payroll run is due at noon.');
    await page.getByRole('radio', { name: 'Set impact and urgency' }).click();
    await page.getByTestId('impact').selectOption('1');
    await page.getByTestId('urgency').selectOption('1');
    await page.getByTestId('computed-priority').filter({ hasText: 'P1' }).waitFor();
    await screenshot(page, '20-desk-new-ticket-for-caller');
    await page.getByTestId('submit-new-ticket').click();
    await page.waitForURL(/\/desk\/tickets\/INC-\d+$/);
    await expectDeskStatus(page, 'new');
    expect(await page.getByTestId('requester').innerText()).toContain(PEOPLE.requester.name);

    // Override: the matrix says P1, the agent says P2 and must say why.
    await page.getByRole('button', { name: 'Override priority' }).click();
    await page.getByTestId('override-priority').selectOption('P2');
    await page.getByTestId('submit-override').click();
    // No reason, no override: the field says so and nothing changed.
    await page.locator('[data-testid="override-reason"][aria-invalid="true"]').waitFor();
    expect(await page.getByTestId('priority-override').count()).toBe(0);
    await page.getByTestId('override-reason').fill('Payroll printing has a fallback printer on floor 2.');
    await page.getByTestId('submit-override').click();
    await page.getByTestId('priority-override').filter({ hasText: 'fallback printer' }).waitFor();
    await page.locator('[data-testid="timeline-event"][data-event-type="field_changed"]').first().waitFor();

    // Hand-off: assigned to a colleague, it shows as not accepted until they accept it.
    await page.getByTestId('action-assign').click();
    await page.getByTestId('assign-person').selectOption({ label: SECOND_AGENT.name });
    await page.getByTestId('submit-assign').click();
    await page.getByTestId('assignee').filter({ hasText: SECOND_AGENT.name }).waitFor();
    await page.getByTestId('ticket-header').getByTestId('not-accepted').waitFor();
    const number = page.url().split('/').pop()!;
    await screenshot(page, '21-desk-assigned-not-accepted');

    const colleague = await signInThroughForm(browser, desk.baseUrl, SECOND_AGENT.email, SECOND_AGENT.password);
    await colleague.page.goto(`/desk/tickets/${number}`);
    await colleague.page.getByTestId('action-accept').click();
    await colleague.page.getByTestId('ticket-header').getByTestId('accepted').waitFor();
    const acceptEvent = colleague.page.locator('[data-testid="timeline-event"][data-event-type="accepted"]');
    expect(await acceptEvent.innerText()).toContain(SECOND_AGENT.name);
    await screenshot(colleague.page, '22-desk-accepted-by-colleague');

    expect(errors).toEqual([]);
    await colleague.context.close();
    await context.close();
  });

  it('an admin edits the priority matrix, is warned about an inverted one, and new tickets follow it', async () => {
    const { desk, browser } = env;
    const { context, page } = await signInThroughForm(browser, desk.baseUrl, ADMIN.email, ADMIN.password);
    const errors = watchPageErrors(page);
    await page.goto('/admin/settings');
    // Raising low-impact, high-urgency work from P3 to P2.
    await page.getByLabel('Impact low, urgency high').selectOption('P2');
    await page.getByTestId('save-settings').click();
    await page.getByText('Settings saved.').waitFor();
    // A matrix where more urgency lowers priority is warned about before saving.
    await page.getByLabel('Impact high, urgency high').selectOption('P4');
    await page.getByTestId('matrix-warnings').waitFor();
    expect(await page.getByText('Settings saved.').count()).toBe(0);
    await screenshot(page, '25-admin-matrix-warning');
    await page.getByLabel('Impact high, urgency high').selectOption('P1');
    await context.close();

    const requester = await signInThroughForm(browser, desk.baseUrl, PEOPLE.requester.email, PEOPLE.requester.password);
    const number = await reportProblem(requester.page, 'Card reader at the door rejects my badge', 'Since this morning the reader blinks red.');
    await requester.context.close();
    const agent = await signIn(desk.baseUrl, PEOPLE.agent.email, PEOPLE.agent.password);
    const list = await call<{ items: { number: string; priority: string }[] }>(desk.baseUrl, agent, 'GET', '/api/v1/tickets?limit=100');
    // "Cannot work at all" + "just me" is impact low, urgency high: P2 under the edited matrix.
    expect(list.items.find((t) => t.number === number)?.priority).toBe('P2');
    expect(errors).toEqual([]);
  });

  it('the queue is worked from the keyboard: j/k to move, Enter to open, / to search', async () => {
    const { desk, browser } = env;
    const requester = await signInThroughForm(browser, desk.baseUrl, PEOPLE.requester.email, PEOPLE.requester.password);
    await reportProblem(requester.page, 'Outlook keeps asking for my password', 'Every ten minutes a password prompt appears.');
    await reportProblem(requester.page, 'Teams camera shows a black image', 'The camera light is on but the picture is black.');
    await requester.context.close();

    const { context, page } = await signInThroughForm(browser, desk.baseUrl, PEOPLE.agent.email, PEOPLE.agent.password);
    await page.goto('/desk');
    const rows = page.getByTestId('queue-row');
    await rows.nth(2).waitFor();
    await page.locator('body').press('j');
    await page.locator('body').press('j');
    await page.locator('body').press('k');
    // Which row is selected is marked for assistive technology as well as by colour.
    const selected = page.locator('[data-testid="queue-row"][aria-current="true"]');
    const selectedNumber = await selected.getAttribute('data-ticket-number');
    expect(selectedNumber).toBe(await rows.nth(1).getAttribute('data-ticket-number'));
    await page.locator('body').press('Enter');
    await page.waitForURL(new RegExp(`/desk/tickets/${selectedNumber}$`));

    await page.goto('/desk');
    await rows.first().waitFor();
    await page.locator('body').press('/');
    await page.keyboard.type('camera');
    await expectRowCount(page, 1);
    expect(await rows.first().innerText()).toContain('Teams camera shows a black image');
    await screenshot(page, '23-desk-search');
    await context.close();
  });

  it('the requester replies from the portal, and reopens a fix that did not hold', async () => {
    const { desk, browser } = env;
    const requester = await signInThroughForm(browser, desk.baseUrl, PEOPLE.requester.email, PEOPLE.requester.password);
    const errors = watchPageErrors(requester.page);
    const number = await reportProblem(requester.page, 'Cannot open the HR portal', 'The HR portal shows "403 forbidden" since Monday.');
    await requester.page.getByTestId('reply-body').fill('It happens in Edge and in Firefox.');
    await requester.page.getByTestId('submit-reply').click();
    await requester.page.getByText('It happens in Edge and in Firefox.').waitFor();

    const agent = await signIn(desk.baseUrl, PEOPLE.agent.email, PEOPLE.agent.password);
    const list = await call<{ items: { id: number; number: string; version: number }[] }>(desk.baseUrl, agent, 'GET', '/api/v1/tickets');
    const t = list.items.find((i) => i.number === number)!;
    const events = await call<{ items: { type: string; body: string | null }[] }>(desk.baseUrl, agent, 'GET', `/api/v1/tickets/${t.id}/events`);
    expect(events.items.find((e) => e.type === 'public_reply')?.body).toBe('It happens in Edge and in Firefox.');
    const inAnHour = new Date(Date.now() + 3_600_000).toISOString();
    await call(desk.baseUrl, agent, 'POST', `/api/v1/tickets/${t.id}/acknowledge`, { restatement: 'The HR portal refuses you.', nextUpdateAt: inAnHour });
    await call(desk.baseUrl, agent, 'POST', `/api/v1/tickets/${t.id}/resolve`, {
      symptom: 'HR portal answers 403.', cause: 'Role missing after the HR system upgrade.', resolution: 'Granted the employee role again.', category: 'Access',
    });

    await requester.page.goto(`/portal/tickets/${number}`);
    await requester.page.getByTestId('still-broken').click();
    await requester.page.getByTestId('reopen-reason').fill('Still 403 after signing out and in again.');
    await requester.page.getByTestId('submit-reopen').click();
    await requester.page.locator('[data-testid="plain-status"][data-status="in_progress"]').waitFor();
    await screenshot(requester.page, '24-portal-reopened');
    const after = await call<{ reopenCount: number; status: string }>(desk.baseUrl, agent, 'GET', `/api/v1/tickets/${t.id}`);
    expect(after).toMatchObject({ status: 'in_progress', reopenCount: 1 });
    expect(errors).toEqual([]);
    await requester.context.close();
  });
});

describe.skipIf(!browserAvailable())('first run and demo in the browser [sqlite]', () => {
  let browser: Browser;
  beforeAll(async () => {
    buildDesk();
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());

  it('an empty desk prints a one-time setup link that creates the first admin, once', async () => {
    const desk = await startDeskProcess({ port: await freePort(), admin: false });
    try {
      const link = /\/setup\?token=[A-Za-z0-9_-]+/.exec(desk.stderr())?.[0];
      expect(link).toBeDefined();
      const context = await browser.newContext({ baseURL: desk.baseUrl });
      const page = await context.newPage();
      await page.goto(link!);
      await page.getByLabel('Your name').fill('Ines Carvalho');
      await page.getByLabel('E-mail').fill('ines.carvalho@e2e.test');
      await page.getByLabel('Password', { exact: true }).fill('first-admin-passphrase');
      await page.getByLabel('Repeat password').fill('first-admin-passphrase');
      await screenshot(page, '30-setup-first-admin');
      await page.getByRole('button', { name: /create/i }).click();
      await page.getByTestId('signed-in-as').filter({ hasText: 'Ines Carvalho' }).waitFor();
      // The link is spent: a second use cannot create another admin.
      const again = await fetch(`${desk.baseUrl}/api/v1/setup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token: link!.split('=')[1], name: 'Mallory', email: 'mallory@e2e.test', password: 'mallory-passphrase' }),
      });
      expect(again.status).toBeGreaterThanOrEqual(400);
      await context.close();
    } finally {
      await desk.stop();
    }
  });

  it('a demo desk shows its banner and a queue full of believable work', async () => {
    const desk = await startDeskProcess({ port: await freePort(), admin: false, demo: true });
    try {
      const { context, page } = await signInThroughForm(browser, desk.baseUrl, 'renata.sokolova@demo.example', 'demo-desk-password');
      await page.goto('/desk');
      await page.getByTestId('demo-banner').waitFor();
      await page.getByTestId('queue-row').nth(10).waitFor();
      await screenshot(page, '31-demo-desk');
      await context.close();
    } finally {
      await desk.stop();
    }
  });
});

async function expectRowCount(page: import('playwright-core').Page, n: number): Promise<void> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const count = await page.getByTestId('queue-row').count();
    if (count === n) return;
    if (Date.now() > deadline) throw new Error(`expected ${n} queue rows, saw ${count}`);
    await page.waitForTimeout(100);
  }
}
