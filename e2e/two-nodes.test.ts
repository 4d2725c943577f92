import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, launchBrowser, screenshot, watchPageErrors } from './support/browser.js';
import { addPeople, createThrowawayDatabase, freePort, PEOPLE, postgresReachable } from './support/desk-api.js';
import { buildDesk, startDeskProcess, type DeskProcess } from './support/desk-process.js';
import { reportProblem, signInThroughForm } from './support/pages.js';

const POSTGRES = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const runnable = browserAvailable() && (await postgresReachable(POSTGRES));

/**
 * An operator's setup: two `deskside serve` processes on one PostgreSQL database. A ticket
 * reported through node A shows up on an agent's open desk on node B without a reload.
 */
describe.skipIf(!runnable)('two app nodes on one database [postgres]', () => {
  let database: { url: string; drop: () => Promise<void> };
  let nodeA: DeskProcess;
  let nodeB: DeskProcess;
  let browser: Browser;

  beforeAll(async () => {
    buildDesk();
    database = await createThrowawayDatabase(POSTGRES);
    // Both start at once, as after a deploy: migrations and first-run must cope.
    const started = await Promise.allSettled([
      freePort().then((port) => startDeskProcess({ port, databaseUrl: database.url })),
      freePort().then((port) => startDeskProcess({ port, databaseUrl: database.url })),
    ]);
    // Keep whichever started, so afterAll stops it even when the other failed.
    [nodeA, nodeB] = started.map((s) => (s.status === 'fulfilled' ? s.value : undefined)) as [DeskProcess, DeskProcess];
    const failed = started.find((s) => s.status === 'rejected');
    if (failed) throw failed.reason;
    await addPeople(nodeA.baseUrl);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await nodeA?.stop();
    await nodeB?.stop();
    await database?.drop();
  });

  it('a ticket reported on node A appears live on the desk of node B, and work on B shows on A', async () => {
    const agent = await signInThroughForm(browser, nodeB.baseUrl, PEOPLE.agent.email, PEOPLE.agent.password);
    const agentErrors = watchPageErrors(agent.page);
    await agent.page.goto('/desk');
    await agent.page.getByRole('heading', { name: 'Queue' }).waitFor();
    expect(await agent.page.getByTestId('queue-row').count()).toBe(0);

    const requester = await signInThroughForm(browser, nodeA.baseUrl, PEOPLE.requester.email, PEOPLE.requester.password);
    const number = await reportProblem(requester.page, 'Shared drive S: is missing', 'After the restart this morning the S: drive is gone from Explorer.');

    // No reload: the row arrives through node B's event stream, fed by PostgreSQL notifications.
    const row = agent.page.locator(`[data-testid="queue-row"][data-ticket-number="${number}"]`);
    await row.waitFor({ timeout: 15_000 });
    await screenshot(agent.page, '10-node-b-live-queue');

    // The other way round: acknowledged on B, the requester's page on A follows.
    await row.click();
    await agent.page.getByTestId('action-acknowledge').click();
    await agent.page.getByLabel('The problem in your words').fill('Your S: drive mapping is gone since the restart.');
    await agent.page.getByRole('radio', { name: 'In 30 min', exact: true }).click();
    await agent.page.getByTestId('submit-acknowledge').click();
    await agent.page.locator('[data-testid="status-badge"][data-status="acknowledged"]').waitFor();
    await requester.page.locator('[data-testid="plain-status"][data-status="acknowledged"]').waitFor({ timeout: 15_000 });
    await screenshot(requester.page, '11-node-a-portal-follows');

    expect(agentErrors).toEqual([]);
    await agent.context.close();
    await requester.context.close();
  });
});
