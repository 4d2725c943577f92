import { describe, expect, it } from 'vitest';
import { browserAvailable, screenshot, watchPageErrors } from './support/browser.js';
import { useBrowserDesk } from './support/browser-desk.js';
import { call, signIn } from './support/desk-api.js';
import { ADMIN } from './support/desk-process.js';
import { signInThroughForm } from './support/pages.js';

interface CalendarJson {
  id: number;
  name: string;
  timeZone: string;
  hours: Record<string, { start: string; end: string }[]>;
  holidays: { kind: string; month?: number; day?: number }[];
  version: number;
}

/** An admin sets up business hours and an SLA policy in the browser, and new tickets run on it. */
describe.skipIf(!browserAvailable())('calendars and SLA policies in the admin area [sqlite]', () => {
  const env = useBrowserDesk();

  it('an admin adds a calendar with weekday hours and a yearly holiday; a bad interval is refused beside it', async () => {
    const { desk, browser } = env;
    const { context, page } = await signInThroughForm(browser, desk.baseUrl, ADMIN.email, ADMIN.password);
    const errors = watchPageErrors(page);
    await page.getByRole('link', { name: 'Admin', exact: true }).click();
    await page.getByRole('link', { name: 'Calendars' }).click();
    // The desk starts with its two seeded calendars (decision 0018).
    await page.locator('[data-testid="calendar-row"][data-calendar-name="24x7"]').waitFor();

    await page.getByTestId('new-calendar').click();
    await page.getByTestId('calendar-name').fill('Lisbon office');
    await page.getByTestId('calendar-time-zone').selectOption('Europe/Lisbon');
    await page.getByLabel('Monday opens').fill('09:00');
    await page.getByLabel('Monday closes').fill('17:30');
    await page.getByTestId('copy-monday').click();
    expect(await page.getByLabel('Friday closes').inputValue()).toBe('17:30');

    // 17:30 to 17:30 is no interval at all: refused next to the Thursday field, nothing saved.
    await page.getByLabel('Thursday opens').fill('17:30');
    await page.getByTestId('save-calendar').click();
    const thursdayError = page.getByTestId('hours-thu-0-error');
    await thursdayError.waitFor();
    expect(await thursdayError.innerText()).toContain('start and end must differ');
    expect(await page.getByLabel('Thursday closes').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('Thursday opens').fill('09:00');
    // Fixed, the message goes away before the next save.
    await thursdayError.waitFor({ state: 'detached' });

    await page.getByTestId('add-holiday').click();
    await page.getByTestId('holiday-0-kind').selectOption('fixed');
    await page.getByTestId('holiday-0-month').selectOption({ label: 'December' });
    await page.getByTestId('holiday-0-day').fill('25');
    await page.getByTestId('holiday-0-name').fill('Christmas Day');
    await screenshot(page, '60-admin-calendar');
    await page.getByTestId('save-calendar').click();
    await page.getByTestId('calendar-saved').waitFor();

    const row = page.locator('[data-testid="calendar-row"][data-calendar-name="Lisbon office"]');
    await row.waitFor();
    expect(await row.getByTestId('calendar-hours').innerText()).toBe('Mon–Fri 09:00–17:30');
    expect(await row.getByTestId('calendar-holidays').innerText()).toBe('1 holiday');
    await screenshot(page, '60-admin-calendar-list');

    const admin = await signIn(desk.baseUrl, ADMIN.email, ADMIN.password);
    const list = await call<{ items: CalendarJson[] }>(desk.baseUrl, admin, 'GET', '/api/v1/calendars');
    const lisbon = list.items.find((c) => c.name === 'Lisbon office')!;
    expect(lisbon.timeZone).toBe('Europe/Lisbon');
    expect(lisbon.hours.fri).toEqual([{ start: '09:00', end: '17:30' }]);
    expect(lisbon.hours.sat).toEqual([]);
    expect(lisbon.holidays).toEqual([{ kind: 'fixed', month: 12, day: 25, name: 'Christmas Day' }]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
