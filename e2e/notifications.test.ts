import { describe, expect, it } from 'vitest';
import { browserAvailable, screenshot, watchPageErrors } from './support/browser.js';
import { useBrowserDesk } from './support/browser-desk.js';
import { call, PEOPLE, signIn } from './support/desk-api.js';
import { ADMIN } from './support/desk-process.js';
import { signInThroughForm } from './support/pages.js';

const COLLEAGUE = { email: 'noor.haddad@e2e.test', name: 'Noor Haddad', password: 'second-agent-passphrase' };

/** The bell: a hand-off reaches the colleague's open desk through the job engine and the stream. */
describe.skipIf(!browserAvailable())('notifications in the browser [sqlite]', () => {
  const env = useBrowserDesk(async (desk) => {
    const admin = await signIn(desk.baseUrl, ADMIN.email, ADMIN.password);
    const groups = await call<{ items: { id: number; name: string }[] }>(desk.baseUrl, admin, 'GET', '/api/v1/groups');
    const serviceDesk = groups.items.find((g) => g.name === 'Service Desk')!;
    await call(desk.baseUrl, admin, 'POST', '/api/v1/people', { ...COLLEAGUE, role: 'agent', groupIds: [serviceDesk.id] });
  });

  it('a colleague sees the bell count rise without reloading, follows the link and marks all read', async () => {
    const { desk, browser } = env;
    const requester = await signIn(desk.baseUrl, PEOPLE.requester.email, PEOPLE.requester.password);
    const ticket = await call<{ number: string }>(desk.baseUrl, requester, 'POST', '/api/v1/tickets', {
      type: 'incident',
      subject: 'Shared mailbox "Payroll" stopped receiving mail',
      description: 'Nothing has arrived in the Payroll mailbox since 08:40; senders get no bounce.',
      impact: 2,
      urgency: 2,
    });

    // The colleague's desk is open on the queue before anything happens.
    const colleague = await signInThroughForm(browser, desk.baseUrl, COLLEAGUE.email, COLLEAGUE.password);
    const colleagueErrors = watchPageErrors(colleague.page);
    await colleague.page.goto('/desk');
    const bell = colleague.page.getByTestId('notification-bell');
    await colleague.page.getByRole('button', { name: 'Notifications, none unread' }).waitFor();

    const agent = await signInThroughForm(browser, desk.baseUrl, PEOPLE.agent.email, PEOPLE.agent.password);
    const agentErrors = watchPageErrors(agent.page);
    await agent.page.goto(`/desk/tickets/${ticket.number}`);
    await agent.page.getByTestId('action-assign').click();
    await agent.page.getByTestId('assign-person').selectOption({ label: COLLEAGUE.name });
    await agent.page.getByTestId('submit-assign').click();
    await agent.page.getByTestId('assignee').filter({ hasText: COLLEAGUE.name }).waitFor();

    // No reload: the worker writes the notification, the stream tells this desk, the bell refetches.
    await colleague.page.getByRole('button', { name: 'Notifications, 1 unread' }).waitFor({ timeout: 15_000 });
    expect(await colleague.page.getByTestId('notification-count').innerText()).toBe('1');

    await bell.click();
    expect(await bell.getAttribute('aria-expanded')).toBe('true');
    const panel = colleague.page.getByRole('region', { name: 'Notifications' });
    const link = panel.getByRole('link', { name: `${ticket.number} was assigned to you by ${PEOPLE.agent.name}` });
    await link.waitFor();
    expect(await link.getAttribute('href')).toBe(`/desk/tickets/${ticket.number}`);
    await screenshot(colleague.page, '50-notification-bell');

    // Escape closes the panel and gives focus back to the bell.
    await colleague.page.keyboard.press('Escape');
    await panel.waitFor({ state: 'hidden' });
    expect(await bell.evaluate((el) => el === document.activeElement)).toBe(true);

    await bell.click();
    await panel.getByRole('button', { name: 'Mark all read' }).click();
    await colleague.page.getByRole('button', { name: 'Notifications, none unread' }).waitFor();
    expect(await colleague.page.getByTestId('notification-count').count()).toBe(0);
    expect(await panel.getByRole('button', { name: 'Mark all read' }).isDisabled()).toBe(true);

    // A click outside closes it; following the link opens the ticket.
    await colleague.page.getByTestId('signed-in-as').click();
    await panel.waitFor({ state: 'hidden' });
    await bell.click();
    await link.click();
    await colleague.page.waitForURL(new RegExp(`/desk/tickets/${ticket.number}$`));
    await colleague.page.getByTestId('assignee').filter({ hasText: COLLEAGUE.name }).waitFor();

    expect(colleagueErrors).toEqual([]);
    expect(agentErrors).toEqual([]);
    await agent.context.close();
    await colleague.context.close();
  });
});
