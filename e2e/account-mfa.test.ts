import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { browserAvailable, screenshot, watchPageErrors } from './support/browser.js';
import { useBrowserDesk } from './support/browser-desk.js';
import { call, signIn } from './support/desk-api.js';
import { ADMIN } from './support/desk-process.js';
import { signInThroughForm } from './support/pages.js';

const AGENT = { email: 'ines.okafor@e2e.test', name: 'Ines Okafor', password: 'agent-two-factor-passphrase' };

/** RFC 6238 with node:crypto, independent of the server's otplib: the code a phone would show. */
function totp(secret: string, step: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const ch of secret) bits += alphabet.indexOf(ch).toString(2).padStart(5, '0');
  const key = Buffer.from((bits.match(/.{8}/g) ?? []).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}
const stepNow = () => Math.floor(Date.now() / 30_000);

/**
 * An agent turns on two-factor sign-in on their account page, signs out, and signs in
 * again with their password and a code from the "phone"; the admin sees it on People.
 */
describe.skipIf(!browserAvailable())('two-factor sign-in in the browser [sqlite]', () => {
  const env = useBrowserDesk(async (desk) => {
    const admin = await signIn(desk.baseUrl, ADMIN.email, ADMIN.password);
    await call(desk.baseUrl, admin, 'POST', '/api/v1/people', { ...AGENT, role: 'agent' });
  });

  it('an agent enrols through the account page, signs out, and signs in with password and code', async () => {
    const { desk, browser } = env;
    const { context, page } = await signInThroughForm(browser, desk.baseUrl, AGENT.email, AGENT.password);
    const errors = watchPageErrors(page);

    await page.getByTestId('account-security-link').click();
    await page.waitForURL(/\/account\/security$/);
    await page.getByRole('heading', { name: 'Two-factor sign-in is off' }).waitFor();
    await page.getByTestId('mfa-start').click();
    const secret = (await page.getByTestId('mfa-secret').innerText()).replace(/\s/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(await page.getByTestId('mfa-uri').innerText()).toContain(`secret=${secret}`);
    await screenshot(page, 'mfa-01-setup-key');

    const enrolStep = stepNow();
    await page.getByTestId('mfa-confirm').getByLabel('Code from the app').fill(totp(secret, enrolStep));
    await page.getByRole('button', { name: 'Turn on two-factor sign-in' }).click();
    const codes = page.getByTestId('recovery-codes').locator('li');
    await codes.first().waitFor();
    expect(await codes.count()).toBe(10);
    await screenshot(page, 'mfa-02-recovery-codes');
    await page.getByTestId('recovery-codes-saved').click();
    await page.getByTestId('mfa-on').filter({ hasText: '10 of 10 recovery codes left' }).waitFor();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/login/);
    await page.getByLabel('E-mail').fill(AGENT.email);
    await page.getByLabel('Password').fill(AGENT.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByText('Enter the 6-digit code from your authenticator app.').waitFor();
    await screenshot(page, 'mfa-03-second-step');

    // A code is never accepted twice: the one used to turn it on is refused.
    await page.getByLabel('Authentication code').fill(totp(secret, enrolStep));
    await page.getByRole('button', { name: 'Verify and sign in' }).click();
    await page.getByTestId('form-error').filter({ hasText: 'not right' }).waitFor();

    await page.getByLabel('Authentication code').fill(totp(secret, Math.max(stepNow(), enrolStep + 1)));
    await page.getByRole('button', { name: 'Verify and sign in' }).click();
    await page.getByTestId('signed-in-as').filter({ hasText: AGENT.name }).waitFor();
    await page.waitForURL(/\/desk/);
    const me = await page.evaluate(async () => (await fetch('/api/v1/me')).json() as Promise<{ mfa: { enabled: boolean; passedAt: string | null } }>);
    expect(me.mfa.enabled).toBe(true);
    expect(me.mfa.passedAt).not.toBeNull();
    await page.goto('/account/security');
    await page.getByText(/This session confirmed a code/).waitFor();
    await screenshot(page, 'mfa-04-on');

    const admin = await signInThroughForm(browser, desk.baseUrl, ADMIN.email, ADMIN.password);
    const adminErrors = watchPageErrors(admin.page);
    await admin.page.goto('/admin/people');
    await admin.page.getByTestId('people-search').fill(AGENT.email);
    const row = admin.page.locator(`[data-testid="person-row"][data-person-email="${AGENT.email}"]`);
    await row.getByTestId('person-mfa-cell').filter({ hasText: 'On' }).waitFor();

    expect(errors).toEqual([]);
    expect(adminErrors).toEqual([]);
    await admin.context.close();
    await context.close();
  });
});
