import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = new URL('../../', import.meta.url).pathname;

export const ADMIN = { email: 'admin@e2e.test', password: 'e2e-admin-passphrase' };

/** Builds the server and the web app the way `npm start` does (a no-op when up to date). */
export function buildDesk(): void {
  const result = spawnSync(process.execPath, [join(ROOT, 'scripts/build.mjs')], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('build failed');
}

export interface DeskProcess {
  baseUrl: string;
  stop(): Promise<void>;
}

/** Starts `deskside serve` as its own process, on SQLite in a temp dir or on the given PostgreSQL database. */
export async function startDeskProcess(opts: { port: number; databaseUrl?: string; dataDir?: string }): Promise<DeskProcess> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'deskside-e2e-'));
  const child: ChildProcess = spawn(process.execPath, [join(ROOT, 'packages/server/bin/deskside.js'), 'serve'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(opts.port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DATABASE_URL: opts.databaseUrl ?? '',
      DESKSIDE_ADMIN_EMAIL: ADMIN.email,
      DESKSIDE_ADMIN_PASSWORD: ADMIN.password,
      DESKSIDE_DEMO: '',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const baseUrl = `http://127.0.0.1:${opts.port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`deskside serve exited with ${child.exitCode}`);
    const ready = await fetch(`${baseUrl}/readyz`).then((r) => r.ok, () => false);
    if (ready) break;
    if (Date.now() > deadline) throw new Error('deskside serve did not become ready in 30 s');
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    baseUrl,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
