import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, launchBrowser, screenshot, watchPageErrors } from './support/browser.js';
import { addPeople, call, freePort, signIn } from './support/desk-api.js';
import { ADMIN, buildDesk, type DeskProcess, startDeskProcess } from './support/desk-process.js';
import { signInThroughForm } from './support/pages.js';

interface SqliteHandle {
  prepare(sql: string): { run(...params: unknown[]): { changes: number } };
  pragma(text: string): unknown;
  close(): void;
}
/** better-sqlite3 is the server's dependency, so it is loaded from there. */
const openSqlite = createRequire(new URL('../packages/server/package.json', import.meta.url))('better-sqlite3') as new (file: string) => SqliteHandle;

interface PoolJson {
  id: number;
  name: string;
  seatCount: number;
  seatsInUse: number;
  group: { id: string; name: string | null } | null;
}

/** An admin adds licence pools and sees each one's seats as a bar. */
describe.skipIf(!browserAvailable())('licence pools in the admin area [sqlite]', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'deskside-e2e-licences-'));
  let desk: DeskProcess;
  let browser: Browser;
  beforeAll(async () => {
    buildDesk();
    desk = await startDeskProcess({ port: await freePort(), dataDir });
    await addPeople(desk.baseUrl);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await desk?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /**
   * Setup only, straight into the desk's database: seats as assign requests would have claimed
   * them (the whole verified flow is the server suite's access-licenses test).
   */
  const holdSeats = (poolId: number, count: number) => {
    const db = new openSqlite(join(dataDir, 'deskside.sqlite'));
    try {
      db.pragma('busy_timeout = 10000');
      const insert = db.prepare('INSERT INTO license_seats (pool_id, seat_no, holder_person_id, holder_immutable_id, request_id, assigned_at) VALUES (?, ?, ?, ?, ?, ?)');
      for (let n = 1; n <= count; n++) insert.run(poolId, n, 1000 + n, `holder-${poolId}-${n}`, `request-${poolId}-${n}`, Date.now());
    } finally {
      db.close();
    }
  };

  it('a pool added in the form shows its seat usage as a bar; a bad seat count is named beside the field', async () => {
    const { context, page } = await signInThroughForm(browser, desk.baseUrl, ADMIN.email, ADMIN.password);
    const errors = watchPageErrors(page);
    await page.goto('/admin');
    await page.getByRole('link', { name: 'Licences' }).click();
    await page.getByRole('heading', { name: 'Licences' }).waitFor();

    await page.getByTestId('new-license-pool').click();
    await page.getByTestId('pool-name').fill('Office E3 (Sales)');
    await page.getByTestId('pool-product').fill('Microsoft 365 E3');
    await page.getByTestId('pool-seats').fill('-2');
    await page.getByTestId('pool-group-id').fill('5f0c1d9e-3b7a-4e2c-9a51-0d4c2b7e8f10');
    await page.getByTestId('pool-group-name').fill('Licence - Office E3');
    await page.getByTestId('save-license-pool').click();
    await page.locator('[data-testid="pool-seats"][aria-invalid="true"]').waitFor();
    await page.getByTestId('pool-seats').fill('25');
    await page.getByTestId('save-license-pool').click();
    await page.getByTestId('license-pool-saved').getByText('Pool "Office E3 (Sales)" saved.').waitFor();

    await page.getByTestId('new-license-pool').click();
    await page.getByTestId('pool-name').fill('Acrobat');
    await page.getByTestId('pool-product').fill('Adobe Acrobat Pro');
    await page.getByTestId('pool-seats').fill('4');
    await page.getByTestId('save-license-pool').click();
    await page.getByTestId('license-pool-saved').getByText('Pool "Acrobat" saved.').waitFor();

    const office = page.locator('[data-testid="license-pool-row"][data-pool-name="Office E3 (Sales)"]');
    expect(await office.innerText()).toContain('Licence - Office E3');
    const bar = office.getByTestId('seat-usage');
    expect(await bar.getAttribute('data-total')).toBe('25');
    expect(await bar.getAttribute('data-used')).toBe('0');
    expect(await bar.innerText()).toContain('0 used · 25 free of 25');
    expect(await office.getByRole('img', { name: 'Office E3 (Sales): 0 of 25 seats in use, 25 free' }).count()).toBe(1);
    const acrobat = page.locator('[data-testid="license-pool-row"][data-pool-name="Acrobat"]');
    expect(await acrobat.innerText()).toContain('Ledger only');

    // Edit: fewer seats, the bar follows.
    await acrobat.getByTestId('edit-license-pool').click();
    await page.getByTestId('pool-seats').fill('2');
    await page.getByTestId('save-license-pool').click();
    await page.getByTestId('license-pool-saved').getByText('Pool "Acrobat" saved.').waitFor();
    expect(await acrobat.getByTestId('seat-usage').getAttribute('data-total')).toBe('2');

    // Seats in use: the bar fills, a full pool turns red and can no longer be deleted.
    const admin = await signIn(desk.baseUrl, ADMIN.email, ADMIN.password);
    const before = await call<{ items: PoolJson[] }>(desk.baseUrl, admin, 'GET', '/api/v1/admin/license-pools');
    holdSeats(before.items.find((p) => p.name === 'Office E3 (Sales)')!.id, 18);
    holdSeats(before.items.find((p) => p.name === 'Acrobat')!.id, 2);
    await page.reload();
    await office.getByText('18 used · 7 free of 25').waitFor();
    expect(await office.getByRole('img', { name: 'Office E3 (Sales): 18 of 25 seats in use, 7 free' }).count()).toBe(1);
    expect(await office.locator('rect.ds-seat-bar-used').getAttribute('width')).toBe('72');
    await acrobat.getByText('2 used · 0 free of 2').waitFor();
    expect(await acrobat.locator('rect.ds-seat-bar-full').count()).toBe(1);
    expect(await acrobat.getByRole('button', { name: 'Delete Acrobat' }).count()).toBe(0);

    // Lowering a pool below its seats in use is refused, with the number, beside the field.
    await acrobat.getByTestId('edit-license-pool').click();
    await page.getByTestId('pool-seats').fill('1');
    await page.getByTestId('save-license-pool').click();
    await page.getByText('2 seats of "Acrobat" are in use').waitFor();
    await screenshot(page, '94-admin-licence-pools');

    const stored = await call<{ items: PoolJson[] }>(desk.baseUrl, admin, 'GET', '/api/v1/admin/license-pools');
    expect(stored.items.map((p) => [p.name, p.seatCount, p.seatsInUse, p.group?.name ?? null])).toEqual([
      ['Acrobat', 2, 2, null],
      ['Office E3 (Sales)', 25, 18, 'Licence - Office E3'],
    ]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
