import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { GROUPS_BASE, PEOPLE_BASE, SERVICE_DN } from '../../packages/server/test/support/slapd-directory.js';
import type { Slapd } from '../../packages/server/test/support/slapd.js';
import { Authenticator } from '../../packages/server/test/support/totp.js';
import { type ApiSession, call, signIn } from './desk-api.js';

const DAY = 24 * 60 * 60 * 1000;

interface SqliteHandle {
  prepare(sql: string): { run(...params: unknown[]): { changes: number } };
  pragma(text: string): unknown;
  close(): void;
}
/** better-sqlite3 is the server's dependency, so it is loaded from there. */
const openSqlite = createRequire(new URL('../../packages/server/package.json', import.meta.url))('better-sqlite3') as new (file: string) => SqliteHandle;

/** Signs in over the API and turns on two-factor sign-in, so the session has just passed it. */
export async function withTotp(base: string, email: string, password: string): Promise<{ session: ApiSession; authenticator: Authenticator }> {
  const session = await signIn(base, email, password);
  const { secret } = await call<{ secret: string }>(base, session, 'POST', '/api/v1/account/mfa/totp');
  const authenticator = new Authenticator(secret);
  await call(base, session, 'POST', '/api/v1/account/mfa/totp/confirm', { code: await authenticator.fresh() });
  return { session, authenticator };
}

/** Connects the desk to the private slapd as an admin would, then syncs and waits for the sync to finish. */
export async function connectDirectory(base: string, admin: ApiSession, slapd: Slapd, ldap: Record<string, unknown> = {}): Promise<void> {
  await call(base, admin, 'PUT', '/api/v1/admin/directory', {
    kind: 'ldap', enabled: true, syncIntervalMinutes: 60,
    ldap: { url: slapd.url, startTls: false, bindDn: SERVICE_DN, bindPassword: slapd.fixture.servicePassword, peopleBaseDn: PEOPLE_BASE, groupsBaseDn: GROUPS_BASE, ...ldap },
  });
  await call(base, admin, 'POST', '/api/v1/admin/directory/sync');
  const deadline = Date.now() + 20_000;
  for (;;) {
    const conn = await call<{ lastSync: { state: string; error: string | null } }>(base, admin, 'GET', '/api/v1/admin/directory');
    if (conn.lastSync.state === 'succeeded') return;
    if (conn.lastSync.state === 'failed') throw new Error(`directory sync failed: ${conn.lastSync.error}`);
    if (Date.now() > deadline) throw new Error('directory sync did not finish in 20 s');
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * Setup only, straight into a SQLite desk's database (as the server tests do): the fixture is loaded
 * the day the test runs, so every phone and address "changed" today and a callback would be refused
 * for 7 days (decision 0035). These people's contact details have been stable for a month.
 */
export function settleContactDetails(dataDir: string, immutableIds: string[] | 'everyone'): void {
  const db = new openSqlite(join(dataDir, 'deskside.sqlite'));
  try {
    db.pragma('busy_timeout = 10000');
    const monthAgo = Date.now() - 30 * DAY;
    if (immutableIds === 'everyone') {
      db.prepare('UPDATE directory_people SET phone_changed_at = ?, email_changed_at = ?').run(monthAgo, monthAgo);
      return;
    }
    for (const id of immutableIds) {
      const changed = db.prepare('UPDATE directory_people SET phone_changed_at = ?, email_changed_at = ? WHERE immutable_id = ?').run(monthAgo, monthAgo, id);
      if (changed.changes !== 1) throw new Error(`no directory person ${id} to settle`);
    }
  } finally {
    db.close();
  }
}

/** Signs in in the browser with password and a fresh authenticator code. */
export async function signInWithCode(page: Page, email: string, password: string, authenticator: Authenticator): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByLabel('Authentication code').fill(await authenticator.fresh());
  await page.getByRole('button', { name: 'Verify and sign in' }).click();
  await page.getByTestId('signed-in-as').waitFor();
}
