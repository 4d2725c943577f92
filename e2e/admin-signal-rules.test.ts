import { describe, expect, it } from 'vitest';
import { browserAvailable, screenshot, watchPageErrors } from './support/browser.js';
import { useBrowserDesk } from './support/browser-desk.js';
import { call, signIn } from './support/desk-api.js';
import { ADMIN } from './support/desk-process.js';
import { signInThroughForm } from './support/pages.js';

interface RuleJson {
  id: string;
  weight: number;
}
interface OverviewJson {
  active: { version: number; ruleSet: { rules: RuleJson[] } };
  versions: { version: number; note: string }[];
}

/** An admin tunes one weight, sees what it does on the corpus, and publishes it as version 1. */
describe.skipIf(!browserAvailable())('signal rules in the admin area [sqlite]', () => {
  const env = useBrowserDesk();

  it('a weight changed in the draft is checked against the corpus and published with a note', async () => {
    const { desk, browser } = env;
    const { context, page } = await signInThroughForm(browser, desk.baseUrl, ADMIN.email, ADMIN.password);
    const errors = watchPageErrors(page);
    await page.goto('/admin');
    await page.getByRole('link', { name: 'Signal rules' }).click();
    const active = page.getByTestId('signal-rules-active');
    await active.getByText('In force: version 0 (built-in)').waitFor();
    expect(await active.locator('[data-rule="secrecy"]').innerText()).toContain('Asks to keep the request quiet');

    // Secrecy weighs nothing in the draft: some hostile requests stop being flagged.
    const draft = page.getByTestId('signal-rules-draft');
    const ruleSet = JSON.parse(await draft.inputValue()) as { rules: RuleJson[] };
    ruleSet.rules.find((r) => r.id === 'secrecy')!.weight = 0;
    await draft.fill(JSON.stringify(ruleSet, null, 2));
    await page.getByTestId('check-signal-rules').click();
    const evaluation = page.getByTestId('signal-rules-evaluation');
    await evaluation.waitFor();
    expect(await page.getByTestId('measure-tuning-draft').innerText()).toContain('%');
    expect(await page.getByTestId('measure-holdout-draft').innerText()).toContain('Hold-out');
    expect(await evaluation.getByTestId('changed-verdict').count()).toBeGreaterThan(0);
    await screenshot(page, '90-admin-signal-rules-evaluation');

    // An invalid draft is refused with the field named beside the editor.
    ruleSet.rules.find((r) => r.id === 'urgency')!.weight = -1;
    await draft.fill(JSON.stringify(ruleSet, null, 2));
    await page.getByTestId('check-signal-rules').click();
    expect(await page.getByTestId('draft-problems').innerText()).toContain('ruleSet.rules.0.weight');
    ruleSet.rules.find((r) => r.id === 'urgency')!.weight = 2;
    await draft.fill(JSON.stringify(ruleSet, null, 2));

    // A note is required before publishing.
    await page.getByTestId('publish-signal-rules').click();
    await page.locator('[data-testid="signal-rules-note"][aria-invalid="true"]').waitFor();
    await page.getByTestId('signal-rules-note').fill('Secrecy alone should not flag a request');
    await page.getByTestId('publish-signal-rules').click();
    await page.getByTestId('signal-rules-saved').getByText('Version 1 is now in force.').waitFor();
    await active.getByText('In force: version 1').waitFor();
    expect(await active.locator('[data-rule="secrecy"]').getByTestId('signal-rule-weight').innerText()).toBe('0');
    const row = page.locator('[data-testid="signal-rules-version"][data-version="1"]');
    expect(await row.innerText()).toContain('Secrecy alone should not flag a request');
    await screenshot(page, '91-admin-signal-rules-published');

    const admin = await signIn(desk.baseUrl, ADMIN.email, ADMIN.password);
    const stored = await call<OverviewJson>(desk.baseUrl, admin, 'GET', '/api/v1/admin/signal-rules');
    expect(stored.active.version).toBe(1);
    expect(stored.active.ruleSet.rules.find((r) => r.id === 'secrecy')!.weight).toBe(0);
    expect(stored.versions.map((v) => v.version)).toEqual([1, 0]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
