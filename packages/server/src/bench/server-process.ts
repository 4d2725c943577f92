import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** The desk under test, running as its own process like production does. */
export interface ServerProcess {
  baseUrl: string;
  pid: number;
  /** Peak and current resident memory of the server process, in MB (VmHWM / VmRSS). */
  memory(): { peakRssMb: number; rssMb: number };
  /** CPU time the server process has used so far (user + system), in seconds. */
  cpuSeconds(): number;
  stop(): Promise<void>;
}

const BIN = new URL('../../bin/deskside.js', import.meta.url).pathname;

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

// utime and stime are fields 14 and 15 of /proc/<pid>/stat, in clock ticks (100 per second on Linux).
function cpuTicks(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

function statusKb(pid: number, field: string): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  if (!match) throw new Error(`/proc/${pid}/status has no ${field}`);
  return Number(match[1]);
}

/**
 * Starts `deskside serve --role api` on a free port against the seeded database
 * and waits until /readyz answers. Its output goes to server.log in `logDir`.
 */
export async function startServer(opts: {
  dataDir: string;
  databaseUrl?: string;
  adminEmail: string;
  adminPassword: string;
  logDir: string;
  /** `api` by default (the desk suite); the mail suite runs `all`, a one-node desk with its worker. */
  role?: 'api' | 'all';
  /** More environment for the server, e.g. the inbound SMTP listener's address. */
  env?: Record<string, string>;
}): Promise<ServerProcess> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: opts.dataDir,
    DESKSIDE_ADMIN_EMAIL: opts.adminEmail,
    DESKSIDE_ADMIN_PASSWORD: opts.adminPassword,
    ...opts.env,
  };
  if (opts.databaseUrl) env.DATABASE_URL = opts.databaseUrl;
  else delete env.DATABASE_URL;
  const log = createWriteStream(join(opts.logDir, 'server.log'));
  // DESKSIDE_BENCH_PROFILE_DIR=dir writes a V8 CPU profile of the server there when it stops.
  const profileDir = process.env.DESKSIDE_BENCH_PROFILE_DIR;
  const nodeArgs = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, BIN, 'serve', '--role', opts.role ?? 'api'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  let exited: string | null = null;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      exited = `exited with ${signal ?? code}`;
      resolve();
    }),
  );
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (exited) throw new Error(`the server ${exited}; see ${join(opts.logDir, 'server.log')}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error('the server did not become ready within 120 s');
    }
    const ready = await fetch(`${baseUrl}/readyz`).then((r) => r.ok, () => false);
    if (ready) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const pid = child.pid!;
  return {
    baseUrl,
    pid,
    memory: () => ({ peakRssMb: Math.round(statusKb(pid, 'VmHWM') / 102.4) / 10, rssMb: Math.round(statusKb(pid, 'VmRSS') / 102.4) / 10 }),
    cpuSeconds: () => cpuTicks(pid) / 100,
    stop: async () => {
      if (exited) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exit;
      clearTimeout(timer);
      await new Promise((r) => log.end(r));
    },
  };
}
