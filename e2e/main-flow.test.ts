import { describe, expect, it } from 'vitest';
import { browserAvailable, screenshot, watchPageErrors } from './support/browser.js';
import { useBrowserDesk } from './support/browser-desk.js';
import { call, PEOPLE, signIn } from './support/desk-api.js';
import { expectDeskStatus, reportProblem, signInThroughForm } from './support/pages.js';

interface TicketView {
  id: number;
  status: string;
  priority: string;
  restoredAt: string | null;
  resolvedAt: string | null;
  nextUpdateAt: string | null;
}

/**
 * The day-one story on the embedded SQLite desk, in a real browser: a requester reports
 * a problem through the portal, an agent acknowledges it in their own words, restores
 * service with a workaround, resolves it, and the requester confirms they can work again.
 */
describe.skipIf(!browserAvailable())('main flow in the browser [sqlite]', () => {
  const env = useBrowserDesk();

  it('requester reports, agent acknowledges, restores, resolves, requester confirms', async () => {
    const { desk, browser } = env;
    const requester = await signInThroughForm(browser, desk.baseUrl, PEOPLE.requester.email, PEOPLE.requester.password);
    const requesterErrors = watchPageErrors(requester.page);
    const number = await reportProblem(
      requester.page,
      'Laptop cannot reach the VPN <script>alert(1)</script>',
      'Since this morning the VPN client says "authentication failed" and I cannot open the finance share.',
    );
    await screenshot(requester.page, '01-portal-reported');

    const agent = await signInThroughForm(browser, desk.baseUrl, PEOPLE.agent.email, PEOPLE.agent.password);
    const agentErrors = watchPageErrors(agent.page);
    const page = agent.page;
    await page.goto('/desk');
    const row = page.locator(`[data-testid="queue-row"][data-ticket-number="${number}"]`);
    await row.waitFor();
    // The subject's markup is shown as text, never run.
    expect(await row.innerText()).toContain('<script>alert(1)</script>');
    await screenshot(page, '02-desk-queue');

    await row.click();
    await page.waitForURL(new RegExp(`/desk/tickets/${number}$`));
    await expectDeskStatus(page, 'new');
    // "Cannot work at all" and "just me": impact 3, urgency 1, P3 in the default matrix.
    await page.locator('[data-testid="priority-badge"]', { hasText: 'P3' }).first().waitFor();

    await page.getByTestId('action-acknowledge').click();
    await page.getByLabel('The problem in your words').fill('Your VPN sign-in is refused, so you cannot reach the finance share.');
    await page.getByRole('radio', { name: 'In 15 min', exact: true }).click();
    await page.getByTestId('submit-acknowledge').click();
    await expectDeskStatus(page, 'acknowledged');
    await page.getByTestId('next-update').filter({ hasText: /\S/ }).waitFor();
    // The service-level clocks: acknowledging was the first response; restoring still runs.
    await page.getByTestId('sla-policy').filter({ hasText: 'Standard' }).waitFor();
    await page.locator('[data-testid="sla-clock"][data-target="First response"][data-state="met"]').waitFor();
    await page.locator('[data-testid="sla-clock"][data-target="Working again"][data-state="running"]').waitFor();
    await screenshot(page, '03-desk-acknowledged');

    await page.getByTestId('action-start').click();
    await expectDeskStatus(page, 'in_progress');

    await page.getByTestId('action-restore').click();
    await page.getByLabel('Workaround').fill('Connected you through the backup VPN gateway until the certificate is renewed.');
    await page.getByTestId('submit-restore').click();
    await expectDeskStatus(page, 'restored');

    await page.getByTestId('action-resolve').click();
    await page.getByLabel('Symptom').fill('VPN sign-in refused with "authentication failed".');
    await page.getByLabel('Cause').fill('The VPN gateway certificate had expired overnight.');
    await page.getByLabel('Resolution').fill('Renewed the gateway certificate; sign-in works on the main gateway again.');
    await page.getByLabel('Category').fill('Network');
    await page.getByTestId('submit-resolve').click();
    await expectDeskStatus(page, 'resolved');
    // An agent cannot confirm on the requester's behalf: the desk offers no such action.
    expect(await page.getByTestId('action-confirm').count()).toBe(0);
    await screenshot(page, '04-desk-resolved');

    const portal = requester.page;
    await portal.goto(`/portal/tickets/${number}`);
    await portal.locator('[data-testid="plain-status"][data-status="resolved"]').waitFor();
    await screenshot(portal, '05-portal-resolved');
    await portal.getByTestId('confirm-fixed').click();
    await portal.locator('[data-testid="plain-status"][data-status="closed"]').waitFor();
    await screenshot(portal, '06-portal-confirmed');

    // The desk's timeline tells the whole story, in order, written by the server.
    await page.reload();
    await expectDeskStatus(page, 'closed');
    // The timeline loads after the ticket: wait for its last event before reading it.
    await page.locator('[data-testid="timeline-event"][data-event-type="confirmed"]').waitFor();
    const types = await page.getByTestId('timeline-event').evaluateAll((els) => els.map((e) => e.getAttribute('data-event-type')));
    for (const t of ['created', 'acknowledged', 'confirmed']) expect(types).toContain(t);
    // Started, restored, resolved, closed: each a status change of its own.
    expect(types.filter((t) => t === 'status_changed').length).toBeGreaterThanOrEqual(3);
    await screenshot(page, '07-desk-closed-timeline');

    // And the API agrees: two clocks, both stopped, the promise recorded.
    const session = await signIn(desk.baseUrl, PEOPLE.agent.email, PEOPLE.agent.password);
    const list = await call<{ items: { id: number; number: string }[] }>(desk.baseUrl, session, 'GET', '/api/v1/tickets?status=closed');
    const id = list.items.find((t) => t.number === number)?.id;
    const ticket = await call<TicketView>(desk.baseUrl, session, 'GET', `/api/v1/tickets/${id}`);
    expect(ticket?.status).toBe('closed');
    expect(ticket?.priority).toBe('P3');
    const restoredAt = Date.parse(ticket?.restoredAt ?? '');
    const resolvedAt = Date.parse(ticket?.resolvedAt ?? '');
    expect(restoredAt).toBeGreaterThan(0);
    expect(resolvedAt).toBeGreaterThanOrEqual(restoredAt);
    expect(Date.parse(ticket?.nextUpdateAt ?? '')).toBeGreaterThan(0);

    expect(requesterErrors).toEqual([]);
    expect(agentErrors).toEqual([]);
    await requester.context.close();
    await agent.context.close();
  });
});
