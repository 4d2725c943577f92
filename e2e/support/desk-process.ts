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
  /** Everything the process wrote to stderr so far (where the one-time setup link goes). */
  stderr(): string;
  stop(): Promise<void>;
}

export interface DeskOptions {
  port: number;
  databaseUrl?: string;
  dataDir?: string;
  /** Create the admin from DESKSIDE_ADMIN_* (default); false leaves the desk to its setup link. */
  admin?: boolean;
  /** Start with `--demo`: the demo organisation and the demo banner. */
  demo?: boolean;
  /** Extra environment for the process (e.g. DESKSIDE_TEST_JOBS=1). */
  env?: Record<string, string>;
}

/** Starts `deskside serve` as its own process, on SQLite in a temp dir or on the given PostgreSQL database. */
export async function startDeskProcess(opts: DeskOptions): Promise<DeskProcess> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'deskside-e2e-'));
  const admin = opts.admin ?? true;
  const args = [join(ROOT, 'packages/server/bin/deskside.js'), 'serve', ...(opts.demo ? ['--demo'] : [])];
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(opts.port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DATABASE_URL: opts.databaseUrl ?? '',
      DESKSIDE_ADMIN_EMAIL: admin ? ADMIN.email : '',
      DESKSIDE_ADMIN_PASSWORD: admin ? ADMIN.password : '',
      DESKSIDE_DEMO: '',
      LOG_LEVEL: 'warn',
      ...opts.env,
    },
    stdio: ['ignore', 'inherit', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
    process.stderr.write(chunk);
  });
  const baseUrl = `http://127.0.0.1:${opts.port}`;
  // A demo desk seeds a few hundred tickets before it listens.
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`deskside serve exited with ${child.exitCode}`);
    const ready = await fetch(`${baseUrl}/readyz`).then((r) => r.ok, () => false);
    if (ready) break;
    if (Date.now() > deadline) throw new Error('deskside serve did not become ready in 60 s');
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    baseUrl,
    stderr: () => stderr,
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
