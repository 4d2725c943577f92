import { describe, expect, it } from 'vitest';
import { browserAvailable, screenshot, watchPageErrors } from './support/browser.js';
import { useBrowserDesk } from './support/browser-desk.js';
import { call, signIn } from './support/desk-api.js';
import { ADMIN } from './support/desk-process.js';
import { signInThroughForm } from './support/pages.js';

interface TemplateJson {
  kind: string;
  subject: string | null;
  text: string | null;
  custom: boolean;
}

/** An admin words the acknowledgement mail in the desk's own voice, is stopped by a typo, and can go back. */
describe.skipIf(!browserAvailable())('mail templates in the admin area [sqlite]', () => {
  const env = useBrowserDesk();

  it('an unknown placeholder is refused beside the field; a valid one is saved; the built-in wording comes back', async () => {
    const { desk, browser } = env;
    const { context, page } = await signInThroughForm(browser, desk.baseUrl, ADMIN.email, ADMIN.password);
    const errors = watchPageErrors(page);
    await page.goto('/admin');
    await page.getByRole('link', { name: 'Mail templates' }).click();
    const ack = page.locator('[data-testid="mail-template"][data-kind="acknowledgement"]');
    await ack.getByText('Built-in wording').waitFor();

    await ack.getByTestId('edit-template').click();
    await page.getByTestId('template-subject').fill('[{{ticketNumber}}] We have it: {{ticketSubject}}');
    await page.getByTestId('template-text').fill('Hello {{requesterName}},\n\nWe read it as: {{restatment}}\n\nNext update by {{nextUpdateAt}}.');
    await page.getByTestId('save-template').click();
    // The server names the typo; nothing is saved.
    await page.locator('[data-testid="template-text"][aria-invalid="true"]').waitFor();
    expect(await page.getByTestId('template-form').innerText()).toContain('restatment');
    await screenshot(page, '80-admin-mail-template-typo');

    await page.getByTestId('template-text').fill('Hello {{requesterName}},\n\nWe read it as: {{restatement}}\n\nNext update by {{nextUpdateAt}}.');
    await page.getByTestId('save-template').click();
    await ack.getByText('Our wording').waitFor();

    const admin = await signIn(desk.baseUrl, ADMIN.email, ADMIN.password);
    const saved = await call<{ items: TemplateJson[] }>(desk.baseUrl, admin, 'GET', '/api/v1/admin/mail-templates');
    expect(saved.items.find((t) => t.kind === 'acknowledgement')).toMatchObject({
      custom: true,
      subject: '[{{ticketNumber}}] We have it: {{ticketSubject}}',
    });

    await ack.getByTestId('edit-template').click();
    await page.getByTestId('reset-template').click();
    await ack.getByText('Built-in wording').waitFor();
    const reset = await call<{ items: TemplateJson[] }>(desk.baseUrl, admin, 'GET', '/api/v1/admin/mail-templates');
    expect(reset.items.find((t) => t.kind === 'acknowledgement')?.custom).toBe(false);
    expect(errors).toEqual([]);
    await context.close();
  });
});
