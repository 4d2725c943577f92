import { describe, expect, it } from 'vitest';
import { browserAvailable, screenshot, watchPageErrors } from './support/browser.js';
import { useBrowserDesk } from './support/browser-desk.js';
import { call, signIn } from './support/desk-api.js';
import { ADMIN } from './support/desk-process.js';
import { signInThroughForm } from './support/pages.js';

interface PolicyJson {
  version: number;
  policy: {
    callbackQuietDays: number;
    rules: Record<string, Record<'standard' | 'privileged', { methods: string[]; methodsRequired: number; approversRequired: number }>>;
  };
}

/** An admin makes unlocks stricter and the callback quiet period longer, publishes version 1 and finds it after a reload. */
describe.skipIf(!browserAvailable())('the access policy in the admin area [sqlite]', () => {
  const env = useBrowserDesk();

  it('a changed number is refused next to its field when it breaks a rule, then published, reloaded and listed in the history', async () => {
    const { desk, browser } = env;
    const { context, page } = await signInThroughForm(browser, desk.baseUrl, ADMIN.email, ADMIN.password);
    const errors = watchPageErrors(page);
    await page.goto('/admin');
    await page.getByRole('link', { name: 'Access policy' }).click();
    await page.getByTestId('access-policy-in-force').getByText('In force: version 0 (built-in)').waitFor();
    expect(await page.getByTestId('access-policy-rule').count()).toBe(14);
    expect(await page.getByText('Privileged targets always need at least 2 approvers').count()).toBe(1);
    expect(await page.getByText('Knowledge questions are never a method').count()).toBe(1);

    // One approver for a privileged unlock is refused, with the reason beside that box.
    const privilegedApprovers = page.getByLabel('Approvers required: Unlock an account, privileged target');
    await privilegedApprovers.fill('1');
    await page.getByTestId('access-policy-note').fill('Trying one approver');
    await page.getByTestId('publish-access-policy').click();
    await page.locator('[data-testid="approvers-required-unlock_account-privileged"][aria-invalid="true"]').waitFor();
    expect(await page.getByTestId('access-policy-rules').innerText()).toContain('privileged targets need at least 2 approvers');
    await screenshot(page, '92-admin-access-policy-refused');
    await privilegedApprovers.fill('2');

    // The real change: unlocks take two methods, a changed phone waits 14 days, and (by keyboard) no in-person check for standard password resets.
    await page.getByLabel('Methods required: Unlock an account, standard target').fill('2');
    await page.getByLabel('Quiet days after a phone change').fill('14');
    const inPerson = page.getByTestId('method-reset_password-standard-in_person_id');
    await inPerson.focus();
    await page.keyboard.press('Space');
    expect(await inPerson.getAttribute('aria-checked')).toBe('false');
    await page.getByTestId('access-policy-note').fill('Unlock abuse: two methods, longer quiet period');
    await page.getByTestId('publish-access-policy').click();
    await page.getByTestId('access-policy-saved').getByText('Version 1 is now in force.').waitFor();

    await page.reload();
    await page.getByTestId('access-policy-in-force').getByText('In force: version 1').waitFor();
    expect(await page.getByLabel('Quiet days after a phone change').inputValue()).toBe('14');
    expect(await page.getByLabel('Methods required: Unlock an account, standard target').inputValue()).toBe('2');
    const row = page.locator('[data-testid="access-policy-version"][data-version="1"]');
    expect(await row.innerText()).toContain('Unlock abuse: two methods, longer quiet period');
    expect(await page.getByTestId('access-policy-version').count()).toBe(2);
    await screenshot(page, '93-admin-access-policy-published');

    // Publishing the version in force again is refused by the server, and the page says why.
    await page.getByTestId('access-policy-note').fill('Same again');
    await page.getByTestId('publish-access-policy').click();
    expect(await page.getByTestId('access-policy-problems').innerText()).toContain('is the same as version 1');
    expect(await page.getByTestId('access-policy-version').count()).toBe(2);

    const admin = await signIn(desk.baseUrl, ADMIN.email, ADMIN.password);
    const stored = await call<PolicyJson>(desk.baseUrl, admin, 'GET', '/api/v1/admin/access-policy');
    expect(stored.version).toBe(1);
    expect(stored.policy.callbackQuietDays).toBe(14);
    expect(stored.policy.rules.unlock_account!.standard.methodsRequired).toBe(2);
    expect(stored.policy.rules.unlock_account!.privileged.approversRequired).toBe(2);
    expect(stored.policy.rules.reset_password!.standard.methods).not.toContain('in_person_id');
    expect(errors).toEqual([]);
    await context.close();
  });
});
