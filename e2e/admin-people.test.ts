import { describe, expect, it } from 'vitest';
import { browserAvailable, screenshot, watchPageErrors } from './support/browser.js';
import { useBrowserDesk } from './support/browser-desk.js';
import { call, PEOPLE, signIn } from './support/desk-api.js';
import { ADMIN } from './support/desk-process.js';
import { signInThroughForm } from './support/pages.js';

interface PersonJson {
  id: number;
  email: string;
  role: string;
  groupIds: number[];
  vip: boolean;
  active: boolean;
}

/** An admin adds people, marks a VIP, moves them to a group and deactivates a leaver, all in the browser. */
describe.skipIf(!browserAvailable())('people in the admin area [sqlite]', () => {
  const env = useBrowserDesk();

  it('an admin adds a person, makes them a VIP in the Network group, and deactivates another', async () => {
    const { desk, browser } = env;
    const { context, page } = await signInThroughForm(browser, desk.baseUrl, ADMIN.email, ADMIN.password);
    const errors = watchPageErrors(page);
    await page.getByRole('link', { name: 'Admin', exact: true }).click();
    await page.getByRole('link', { name: 'People' }).click();
    const row = (email: string) => page.locator(`[data-testid="person-row"][data-person-email="${email}"]`);
    await row(PEOPLE.agent.email).waitFor();

    // Add: a password under 12 characters is refused beside the field, before anything is sent.
    await page.getByTestId('new-person').click();
    await page.getByTestId('person-name').fill('Noor Haddad');
    await page.getByTestId('person-email').fill('noor.haddad@e2e.test');
    await page.getByTestId('person-password').fill('too-short');
    await page.getByTestId('save-person').click();
    await page.getByText('must be at least 12 characters').waitFor();
    await page.getByTestId('person-password').fill('noor-e2e-passphrase');
    await page.getByTestId('save-person').click();
    await page.getByTestId('person-saved').waitFor();
    expect(await row('noor.haddad@e2e.test').getByTestId('person-role-cell').innerText()).toBe('Requester');

    // Edit: VIP and the Network group (her department).
    await row('noor.haddad@e2e.test').getByTestId('edit-person').click();
    await page.getByTestId('person-vip').click();
    await page.getByTestId('person-group-Network').click();
    await page.getByTestId('person-site').fill('Lisbon office');
    await screenshot(page, '70-admin-people-edit');
    await page.getByTestId('save-person').click();
    await page.getByTestId('person-saved').waitFor();
    const noor = row('noor.haddad@e2e.test');
    await expect.poll(() => noor.getByTestId('person-vip-cell').innerText()).toBe('VIP');
    await expect.poll(() => noor.getByTestId('person-groups-cell').innerText()).toBe('Network');
    await expect.poll(() => noor.getByTestId('person-site-cell').innerText()).toBe('Lisbon office');

    // Deactivate the agent who left.
    await row(PEOPLE.agent.email).getByTestId('edit-person').click();
    await page.getByTestId('person-active').click();
    await page.getByTestId('save-person').click();
    await page.getByTestId('person-saved').waitFor();
    await expect.poll(() => row(PEOPLE.agent.email).getByTestId('person-status-cell').innerText()).toBe('Deactivated');

    // Their own admin row offers no way to lock themselves out.
    await row(ADMIN.email).getByTestId('edit-person').click();
    expect(await page.getByTestId('person-role').isDisabled()).toBe(true);
    expect(await page.getByTestId('person-active').isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Cancel' }).click();

    await page.getByTestId('people-search').fill('haddad');
    await page.locator('[data-testid="person-row"]').first().waitFor();
    await page.getByTestId('people-search').fill('');
    await row(PEOPLE.requester.email).waitFor();
    await screenshot(page, '70-admin-people');

    const admin = await signIn(desk.baseUrl, ADMIN.email, ADMIN.password);
    const groups = await call<{ items: { id: number; name: string }[] }>(desk.baseUrl, admin, 'GET', '/api/v1/groups');
    const network = groups.items.find((g) => g.name === 'Network')!;
    const all = await call<{ items: PersonJson[] }>(desk.baseUrl, admin, 'GET', '/api/v1/people?status=any&limit=100');
    expect(all.items.find((p) => p.email === 'noor.haddad@e2e.test')).toMatchObject({ role: 'requester', vip: true, site: 'Lisbon office', groupIds: [network.id], active: true });
    expect(all.items.find((p) => p.email === PEOPLE.agent.email)).toMatchObject({ active: false });
    await expect(signIn(desk.baseUrl, PEOPLE.agent.email, PEOPLE.agent.password)).rejects.toThrow(/401/);
    await signIn(desk.baseUrl, 'noor.haddad@e2e.test', 'noor-e2e-passphrase');
    expect(errors).toEqual([]);
    await context.close();
  });
});
