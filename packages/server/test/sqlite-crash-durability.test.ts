import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import { afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { freePort } from '../src/bench/server-process.js';
import { createTestDatabase, type TestDatabase } from './support/test-desk.js';

// Decision 0047: the writer runs synchronous=NORMAL and answers only after its own
// fdatasync of the WAL. A real server process is killed (SIGKILL) the instant it has
// acknowledged a few hundred creates made 16 at a time; the file, reopened, must hold
// every acknowledged ticket with its event and search document. (A process kill
// cannot lose what reached the kernel, so this proves the answers wait for the
// shared COMMIT; that they also wait for the WAL's sync is proved with a recording
// sync in sqlite-wal-sync.test.ts.)

const BIN = fileURLToPath(new URL('../bin/deskside.js', import.meta.url));
const EMAIL = 'crash-admin@example.test';
const PASSWORD = 'crash-test-password-1';

describe('SQLite: a killed server keeps every ticket it acknowledged', () => {
  let database: TestDatabase | undefined;
  let child: ChildProcess | undefined;

  beforeAll(() => {
    const build = inject('cliBuild');
    if (!build.ok) throw new Error(`Building shared and server for the crash test failed:\n${build.output}`);
  });

  afterEach(async () => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await database?.drop();
  });

  it('SIGKILL right after the acknowledgements loses none of them', { timeout: 60_000 }, async () => {
    database = await createTestDatabase('sqlite');
    const port = await freePort();
    const server = spawn(process.execPath, [BIN, 'serve', '--role', 'api'], {
      env: {
        ...process.env, ...database.env, DATABASE_URL: '', PORT: String(port), HOST: '127.0.0.1',
        DESKSIDE_ADMIN_EMAIL: EMAIL, DESKSIDE_ADMIN_PASSWORD: PASSWORD, DESKSIDE_DEMO: '', LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = server;
    let output = '';
    server.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    server.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => server.on('exit', (_code, signal) => resolve(signal)));
    const baseUrl = `http://127.0.0.1:${port}`;

    const deadline = Date.now() + 30_000;
    while (!(await fetch(`${baseUrl}/readyz`).then((r) => r.ok, () => false))) {
      if (Date.now() > deadline || server.exitCode !== null) throw new Error(`the server did not start:\n${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: EMAIL, password: PASSWORD }),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const minted = await fetch(`${baseUrl}/api/v1/tokens`, {
      method: 'POST', headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
      body: JSON.stringify({ name: 'crash', scopes: ['tickets:read', 'tickets:write'] }),
    });
    const { token } = (await minted.json()) as { token: string };

    const acknowledged = new Map<number, string>();
    const KILL_AFTER = 400;
    let killed = false;
    const worker = async (w: number) => {
      for (let i = 0; !killed; i++) {
        const subject = `crash w${w} n${i} zyxcrash${w}x${i}`;
        let response: Response;
        try {
          response = await fetch(`${baseUrl}/api/v1/tickets`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            body: JSON.stringify({ type: 'incident', subject, description: 'killed mid-stream', impact: 2, urgency: 2 }),
          });
        } catch {
          return; // the server is gone
        }
        if (response.status !== 201) {
          if (killed) return;
          throw new Error(`create answered ${response.status}: ${await response.text()}`);
        }
        const ticket = (await response.json().catch(() => null)) as { id: number; number: string } | null;
        if (!ticket) return;
        acknowledged.set(ticket.id, ticket.number);
        if (!killed && acknowledged.size >= KILL_AFTER) {
          killed = true;
          server.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: 16 }, (_, w) => worker(w)));
    expect(await exited).toBe('SIGKILL');
    expect(acknowledged.size).toBeGreaterThanOrEqual(KILL_AFTER);

    // Reopening recovers from the WAL the killed process left behind.
    const reopened = new SQLite(`${database.env.DATA_DIR}/deskside.sqlite`, { readonly: true });
    try {
      const ids = [...acknowledged.keys()];
      const found = new Map(
        ids.map((id) => [id, reopened.prepare('SELECT number FROM tickets WHERE id = ?').get(id) as { number: string } | undefined]),
      );
      const missing = ids.filter((id) => found.get(id)?.number !== acknowledged.get(id));
      expect(missing).toEqual([]);
      const events = reopened.prepare(`SELECT count(*) AS n FROM ticket_events WHERE type = 'created' AND ticket_id IN (${ids.join(',')})`).get();
      expect(events).toEqual({ n: ids.length });
      const searchable = reopened.prepare("SELECT count(*) AS n FROM ticket_search WHERE ticket_search MATCH 'killed'").get() as { n: number };
      expect(searchable.n).toBeGreaterThanOrEqual(ids.length);
    } finally {
      reopened.close();
    }
  });
});
