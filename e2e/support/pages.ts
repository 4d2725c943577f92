import type { Browser, BrowserContext, Page } from 'playwright-core';

export interface SignedInPage {
  context: BrowserContext;
  page: Page;
}

/** A fresh browser profile signed in through the login form, as a person would. */
export async function signInThroughForm(browser: Browser, baseUrl: string, email: string, password: string): Promise<SignedInPage> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto('/login');
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByTestId('signed-in-as').waitFor();
  return { context, page };
}

/** Reports a problem through the portal's plain questions and returns the new ticket's number. */
export async function reportProblem(page: Page, subject: string, description: string): Promise<string> {
  await page.goto('/portal/new');
  await page.getByLabel('In a few words, what is wrong?').fill(subject);
  await page.getByLabel('Tell us more').fill(description);
  await page.getByRole('radio', { name: 'Yes, I cannot work at all' }).click();
  await page.getByRole('radio', { name: 'Just me' }).click();
  await page.getByRole('button', { name: 'Send to IT support', exact: true }).click();
  await page.waitForURL(/\/portal\/tickets\/INC-\d+$/);
  const number = page.url().split('/').pop() ?? '';
  await page.getByTestId('ticket-number').filter({ hasText: number }).waitFor();
  return number;
}

/** Waits for the desk ticket page to show `status` (the badge reflects the server's answer). */
export async function expectDeskStatus(page: Page, status: string): Promise<void> {
  await page.locator(`[data-testid="status-badge"][data-status="${status}"]`).waitFor();
}
