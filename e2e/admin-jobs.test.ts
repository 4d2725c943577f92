import pg from 'pg';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, launchBrowser, screenshot, watchPageErrors } from './support/browser.js';
import { createThrowawayDatabase, freePort, postgresReachable } from './support/desk-api.js';
import { ADMIN, buildDesk, startDeskProcess, type DeskProcess } from './support/desk-process.js';
import { signInThroughForm } from './support/pages.js';

const POSTGRES = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const runnable = browserAvailable() && (await postgresReachable(POSTGRES));

/**
 * An admin finds the jobs that failed every attempt, retries one that can now succeed
 * and discards one that never will. The failed jobs are planted as a worker would
 * have left them, since making real work fail three times would take minutes.
 */
describe.skipIf(!runnable)('dead-letter jobs in the admin area [postgres]', () => {
  let database: { url: string; drop: () => Promise<void> };
  let desk: DeskProcess;
  let browser: Browser;

  beforeAll(async () => {
    buildDesk();
    database = await createThrowawayDatabase(POSTGRES);
    // Test job kinds exist only with DESKSIDE_TEST_JOBS=1: 'test.sleep' succeeds after a pause.
    desk = await startDeskProcess({ port: await freePort(), databaseUrl: database.url, env: { DESKSIDE_TEST_JOBS: '1' } });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await desk?.stop();
    await database?.drop();
  });

  it('lists dead jobs with their error; retry runs one to done, discard takes the other away', async () => {
    const retryable = await plantDeadJob(database.url, 'test.sleep', { ms: 10 }, 'smtp: connection refused (127.0.0.1:2525)');
    const hopeless = await plantDeadJob(database.url, 'retired.kind', {}, 'no handler for job kind retired.kind');

    const { context, page } = await signInThroughForm(browser, desk.baseUrl, ADMIN.email, ADMIN.password);
    const errors = watchPageErrors(page);
    await page.getByRole('link', { name: 'Admin', exact: true }).click();
    await page.getByRole('link', { name: 'Background jobs' }).click();
    await page.locator(`[data-testid="job-row"][data-job-id="${retryable}"]`).waitFor();
    expect(await page.getByTestId('job-row').count()).toBe(2);
    expect(await page.getByTestId('jobs-table').innerText()).toContain('smtp: connection refused');
    await screenshot(page, '40-admin-dead-jobs');

    await page.locator(`[data-testid="job-row"][data-job-id="${retryable}"]`).getByTestId('retry-job').click();
    await page.locator(`[data-testid="job-row"][data-job-id="${retryable}"]`).waitFor({ state: 'detached' });
    await page.locator(`[data-testid="job-row"][data-job-id="${hopeless}"]`).getByTestId('discard-job').click();
    await page.getByTestId('no-jobs').waitFor();

    // The retried job really ran: the worker took it and finished it.
    await expect.poll(() => jobStatus(database.url, retryable), { timeout: 15_000 }).toBe('done');
    // A discarded job is gone for good: not dead, not run.
    expect(await jobStatus(database.url, hopeless)).toBeUndefined();

    await page.getByTestId('job-status-filter').selectOption('done');
    await page.locator(`[data-testid="job-row"][data-job-id="${retryable}"]`).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });
});

async function withClient<T>(url: string, work: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function plantDeadJob(url: string, kind: string, payload: object, lastError: string): Promise<number> {
  const now = Date.now();
  return withClient(url, async (c) => {
    const { rows } = await c.query<{ id: string }>(
      `INSERT INTO jobs (kind, payload, status, run_at, attempts, max_attempts, last_error, created_at, updated_at, finished_at)
       VALUES ($1, $2, 'dead', $3, 3, 3, $4, $3, $3, $3) RETURNING id`,
      [kind, JSON.stringify(payload), now - 60_000, lastError],
    );
    return Number(rows[0]!.id);
  });
}

function jobStatus(url: string, id: number): Promise<string | undefined> {
  return withClient(url, async (c) => (await c.query<{ status: string }>('SELECT status FROM jobs WHERE id = $1', [id])).rows[0]?.status);
}
