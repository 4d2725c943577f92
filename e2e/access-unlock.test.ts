import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GROUPS_BASE, PEOPLE_BASE, SERVICE_DN } from '../packages/server/test/support/slapd-directory.js';
import { slapdProblem, startSlapd, type Slapd } from '../packages/server/test/support/slapd.js';
import { Authenticator } from '../packages/server/test/support/totp.js';
import { browserAvailable, launchBrowser, screenshot, watchPageErrors } from './support/browser.js';
import { addPeople, call, freePort, PEOPLE, signIn } from './support/desk-api.js';
import { ADMIN, buildDesk, startDeskProcess, type DeskProcess } from './support/desk-process.js';

const skip = !browserAvailable() ? 'no browser' : slapdProblem;
const DAY = 24 * 60 * 60 * 1000;

interface SqliteHandle {
  prepare(sql: string): { run(...params: unknown[]): { changes: number } };
  pragma(text: string): unknown;
  close(): void;
}
/** better-sqlite3 is the server's dependency, so it is loaded from there. */
const openSqlite = createRequire(new URL('../packages/server/package.json', import.meta.url))('better-sqlite3') as new (file: string) => SqliteHandle;

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
    const agent = await signIn(base, PEOPLE.agent.email, PEOPLE.agent.password);
    const { secret } = await call<{ secret: string }>(base, agent, 'POST', '/api/v1/account/mfa/totp');
    authenticator = new Authenticator(secret);
    await call(base, agent, 'POST', '/api/v1/account/mfa/totp/confirm', { code: await authenticator.fresh() });

    // Diego is locked out by three wrong passwords before the desk first reads the directory.
    const diego = slapd.fixture.people['diego.alvarez']!;
    for (let i = 0; i < 3; i++) expect(await slapd.tryBind(diego.dn, 'wrong-password')).toBe(false);
    expect((await slapd.readAsRoot(diego.dn, ['pwdAccountLockedTime'])).pwdAccountLockedTime).toBeTruthy();

    const admin = await signIn(base, ADMIN.email, ADMIN.password);
    await call(base, admin, 'PUT', '/api/v1/admin/directory', {
      kind: 'ldap', enabled: true, syncIntervalMinutes: 60,
      ldap: { url: slapd.url, startTls: false, bindDn: SERVICE_DN, bindPassword: slapd.fixture.servicePassword, peopleBaseDn: PEOPLE_BASE, groupsBaseDn: GROUPS_BASE },
    });
    await call(base, admin, 'POST', '/api/v1/admin/directory/sync');
    const deadline = Date.now() + 20_000;
    for (;;) {
      const conn = await call<{ lastSync: { state: string; error: string | null } }>(base, admin, 'GET', '/api/v1/admin/directory');
      if (conn.lastSync.state === 'succeeded') break;
      if (conn.lastSync.state === 'failed') throw new Error(`directory sync failed: ${conn.lastSync.error}`);
      if (Date.now() > deadline) throw new Error('directory sync did not finish in 20 s');
      await new Promise((r) => setTimeout(r, 200));
    }

    // Setup only, straight into the desk's database (as the server test does): the fixture was
    // loaded today, so its numbers "changed" today and a callback would be refused for 7 days
    // (decision 0035). Diego's contact details have been stable for a month.
    const db = new openSqlite(join(dataDir, 'deskside.sqlite'));
    try {
      db.pragma('busy_timeout = 10000');
      const monthAgo = Date.now() - 30 * DAY;
      const changed = db.prepare('UPDATE directory_people SET phone_changed_at = ?, email_changed_at = ? WHERE immutable_id = ?').run(monthAgo, monthAgo, diego.id);
      expect(changed.changes).toBe(1);
    } finally {
      db.close();
    }

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

    await page.goto('/login');
    await page.getByLabel('E-mail').fill(PEOPLE.agent.email);
    await page.getByLabel('Password').fill(PEOPLE.agent.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByLabel('Authentication code').fill(await authenticator.fresh());
    await page.getByRole('button', { name: 'Verify and sign in' }).click();
    await page.getByTestId('signed-in-as').waitFor();

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
