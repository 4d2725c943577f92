import { describe, expect, it } from 'vitest';
import { browserAvailable, screenshot, watchPageErrors } from './support/browser.js';
import { useBrowserDesk } from './support/browser-desk.js';
import { type ApiSession, call, signIn } from './support/desk-api.js';
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
    expect(lisbon.version).toBe(1);

    // An edit: a rule holiday and a Saturday night shift; the version moves on.
    await row.getByTestId('edit-calendar').click();
    await page.getByTestId('add-holiday').click();
    await page.getByTestId('holiday-1-kind').selectOption('nthWeekday');
    await page.getByTestId('holiday-1-nth').selectOption('last');
    await page.getByTestId('holiday-1-weekday').selectOption('mon');
    await page.getByTestId('holiday-1-month').selectOption({ label: 'May' });
    await page.getByTestId('add-hours-sat').click();
    await page.getByLabel('Saturday opens').fill('22:00');
    await page.getByLabel('Saturday closes').fill('06:00');
    await screenshot(page, '60-admin-calendar-edit');
    await page.getByTestId('save-calendar').click();
    await page.getByTestId('calendar-saved').waitFor();
    await expect.poll(() => row.getByTestId('calendar-hours').innerText()).toBe('Mon–Fri 09:00–17:30; Sat 22:00–06:00');
    await expect.poll(() => row.getByTestId('calendar-holidays').innerText()).toBe('2 holidays');
    const edited = (await call<{ items: CalendarJson[] }>(desk.baseUrl, admin, 'GET', '/api/v1/calendars')).items.find((c) => c.id === lisbon.id)!;
    expect(edited.version).toBe(2);
    expect(edited.holidays[1]).toEqual({ kind: 'nthWeekday', month: 5, weekday: 'mon', nth: 'last' });
    expect(errors).toEqual([]);
    await context.close();
  });

  // Runs on the calendar the test above made.
  it('an admin adds a policy for network incidents on that calendar, edits it, and a new network ticket runs on it', async () => {
    const { desk, browser } = env;
    const { context, page } = await signInThroughForm(browser, desk.baseUrl, ADMIN.email, ADMIN.password);
    const errors = watchPageErrors(page);
    await page.goto('/admin/calendars');
    await page.getByRole('link', { name: 'SLA policies' }).click();
    const standard = page.locator('[data-testid="policy-row"][data-policy-name="Standard"]');
    await standard.getByTestId('default-policy').waitFor();
    expect(await standard.getByTestId('policy-conditions').innerText()).toBe('Every ticket no other policy takes');
    expect(await standard.getByTestId('policy-restore').innerText()).toBe('4h / 8h / 20h / 50h');

    await page.getByTestId('new-policy').click();
    await page.getByTestId('policy-name').fill('Network incidents');
    await page.getByTestId('policy-calendar').selectOption({ label: 'Lisbon office (Europe/Lisbon)' });
    await page.getByLabel('P2 restore target').fill('2h');
    await page.getByLabel('P2 first response target').fill('1d');
    await page.getByTestId('condition-type-incident').click();
    await page.getByLabel('Categories').fill('Network');
    // No catch-all policy yet (the default is only the fallback): it goes after the others.
    expect(await page.getByTestId('policy-position').inputValue()).toBe('');
    await page.getByTestId('save-policy').click();
    await page.locator('[data-testid="target-P2-firstResponse"][aria-invalid="true"]').waitFor();
    expect(await page.getByTestId('targets-editor').innerText()).toContain('Write days as business hours');
    await page.getByLabel('P2 first response target').fill('30m');
    await page.getByTestId('save-policy').click();
    const row = page.locator('[data-testid="policy-row"][data-policy-name="Network incidents"]');
    await row.waitFor();
    expect(await row.getByTestId('policy-conditions').innerText()).toBe('Incidents in category Network');
    expect(await page.getByTestId('policy-row').first().getAttribute('data-policy-name')).toBe('Network incidents');

    const admin = await signIn(desk.baseUrl, ADMIN.email, ADMIN.password);
    const created = await policyNamed(desk.baseUrl, admin, 'Network incidents');
    expect(created.version).toBe(1);
    expect(created.calendar.name).toBe('Lisbon office');
    expect(created.targets.P2).toEqual({ firstResponse: 30, nextUpdate: null, restore: 120, resolve: null });
    expect(created.conditions).toEqual({ types: ['incident'], categories: ['Network'] });

    // An edit sends If-Match and bumps the version.
    await row.getByTestId('edit-policy').click();
    expect(await page.getByLabel('P2 restore target').inputValue()).toBe('2h');
    await page.getByLabel('P1 restore target').fill('1h 30m');
    await page.getByTestId('policy-warn').fill('80');
    await screenshot(page, '61-admin-sla-policy');
    await page.getByTestId('save-policy').click();
    await page.getByTestId('policy-saved').waitFor();
    const edited = await policyNamed(desk.baseUrl, admin, 'Network incidents');
    expect(edited.version).toBe(2);
    expect(edited.targets.P1.restore).toBe(90);
    expect(edited.warnAtFraction).toBe(0.8);

    // Someone else saves first: the form says so and reloads their version on request.
    await row.getByTestId('edit-policy').click();
    await patchPolicy(desk.baseUrl, admin, edited.id, { warnAtFraction: 0.9 }, edited.version);
    await page.getByLabel('P4 resolve target').fill('40h');
    await page.getByTestId('save-policy').click();
    await page.getByTestId('edit-conflict').waitFor();
    await page.getByTestId('reload-after-conflict').click();
    await page.getByTestId('edit-conflict').waitFor({ state: 'detached' });
    expect(await page.getByTestId('policy-warn').inputValue()).toBe('90');
    expect(await page.getByLabel('P4 resolve target').inputValue()).toBe('');
    await page.getByRole('button', { name: 'Cancel' }).click();
    expect(await standard.getByTestId('policy-conditions').innerText()).toBe('Every ticket no other policy takes');
    await screenshot(page, '61-admin-sla-policy-list');

    // New tickets choose their policy by its conditions.
    const ticket = (category?: string) =>
      call<{ number: string; sla: { policy: { name: string } } | null }>(desk.baseUrl, admin, 'POST', '/api/v1/tickets', {
        type: 'incident',
        subject: 'Office VPN drops every few minutes',
        description: 'Several people on the second floor lose the VPN tunnel.',
        impact: 2,
        urgency: 1,
        ...(category ? { category } : {}),
      });
    const network = await ticket('Network');
    expect(network.sla?.policy.name).toBe('Network incidents');
    expect((await ticket()).sla?.policy.name).toBe('Standard');
    expect(errors).toEqual([]);
    await context.close();
  });
});

interface PolicyJson {
  id: number;
  version: number;
  calendar: { name: string };
  targets: Record<'P1' | 'P2' | 'P3' | 'P4', Record<string, number | null>>;
  conditions: object;
  warnAtFraction: number;
}

async function policyNamed(baseUrl: string, session: ApiSession, name: string): Promise<PolicyJson> {
  const list = await call<{ items: (PolicyJson & { name: string })[] }>(baseUrl, session, 'GET', '/api/v1/sla-policies');
  const found = list.items.find((p) => p.name === name);
  if (!found) throw new Error(`no policy named ${name}`);
  return found;
}

async function patchPolicy(baseUrl: string, session: ApiSession, id: number, body: object, version: number): Promise<void> {
  const res = await fetch(`${baseUrl}/api/v1/sla-policies/${id}`, {
    method: 'PATCH',
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken, 'content-type': 'application/json', 'if-match': `"${version}"` },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`PATCH policy ${id}: ${res.status} ${await res.text()}`);
}
