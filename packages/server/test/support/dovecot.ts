import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll } from 'vitest';

/** Where Debian's dovecot-imapd puts the server. */
export const DOVECOT_BIN = process.env.DOVECOT_BIN || '/usr/sbin/dovecot';
const INSTALL_HINT = 'dovecot not installed: apt-get install dovecot-imapd';
const inCi = process.env.CI === 'true' || process.env.CI === '1';

/** Why the IMAP suites cannot run here, or null. Under CI a missing dovecot fails the run instead. */
export const dovecotProblem: string | null = existsSync(DOVECOT_BIN) ? null : INSTALL_HINT;
if (dovecotProblem && inCi) {
  // A skipped IMAP suite would let CI pass without ever talking IMAP.
  throw new Error(`dovecot is required under CI=true: ${dovecotProblem}`);
}
if (dovecotProblem) console.warn(`[deskside tests] IMAP suites skipped: ${dovecotProblem}`);

/** A dovecot for the enclosing describe block, started before its tests and stopped after. */
export function useDovecot(): Dovecot {
  const holder = {} as Dovecot;
  beforeAll(async () => {
    Object.assign(holder, await startDovecot());
  });
  afterAll(async () => {
    await holder.stop?.();
  });
  return holder;
}

/** A private dovecot on 127.0.0.1: one user, maildir under a temp dir, plain IMAP (it never leaves the machine). */
export interface Dovecot {
  host: string;
  port: number;
  user: string;
  password: string;
  /** Appends a message through IMAP (a real client), optionally with an old arrival date; returns its UID. */
  append(folder: string, raw: string | Buffer, arrived?: Date): Promise<number>;
  /** Creates the folder if it is missing. */
  ensureFolder(folder: string): Promise<void>;
  /** Deletes and re-creates a folder: its UIDVALIDITY changes. */
  recreateFolder(folder: string): Promise<void>;
  /** The flags of every message in a folder, by UID. */
  flags(folder: string): Promise<Map<number, string[]>>;
  uidValidity(folder: string): Promise<string>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function greeted(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.setTimeout(1000);
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString().startsWith('* OK'));
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

/**
 * Starts dovecot in the foreground with its own configuration in a temp dir. Dovecot will
 * not run mail processes as root, so as root they run as the `dovecot` system user, which
 * owns the maildir; as anyone else everything runs as that user.
 */
export async function startDovecot(): Promise<Dovecot> {
  if (dovecotProblem) throw new Error(dovecotProblem);
  const dir = mkdtempSync(join(tmpdir(), 'deskside-dovecot-'));
  chmodSync(dir, 0o755);
  const port = await freePort();
  const user = 'support';
  const password = `pw-${Math.random().toString(36).slice(2)}`;
  const root = process.getuid?.() === 0;
  const me = userInfo().username;
  const mailUser = root ? 'dovecot' : me;
  const mailDir = join(dir, 'mail');
  mkdirSync(mailDir);
  if (root) {
    const { uid, gid } = idsOf(mailUser);
    chownSync(mailDir, uid, gid);
  }
  writeFileSync(join(dir, 'passwd'), `${user}:{PLAIN}${password}\n`, { mode: 0o644 });
  writeFileSync(
    join(dir, 'dovecot.conf'),
    `base_dir = ${dir}/run
state_dir = ${dir}/state
instance_name = deskside-test-${port}
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
log_path = ${dir}/dovecot.log
default_internal_user = ${mailUser}
default_internal_group = ${root ? 'dovecot' : groupOf(me)}
default_login_user = ${root ? 'dovenull' : me}
first_valid_uid = 1
mail_location = maildir:${mailDir}/%u
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/passwd
}
userdb {
  driver = static
  args = uid=${mailUser} gid=${root ? 'dovecot' : groupOf(me)} home=${mailDir}/%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service stats {
  unix_listener stats-reader {
    mode = 0666
  }
  unix_listener stats-writer {
    mode = 0666
  }
}
protocol imap {
  mail_max_userip_connections = 200
}
`,
  );
  const child: ChildProcess = spawn(DOVECOT_BIN, ['-F', '-c', join(dir, 'dovecot.conf')], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const log = () => `${output}${existsSync(join(dir, 'dovecot.log')) ? readFileSync(join(dir, 'dovecot.log'), 'utf8') : ''}`;
  for (let i = 0; i < 100 && !(await greeted(port)); i++) {
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  if (!(await greeted(port))) {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`dovecot did not start on 127.0.0.1:${port}:\n${log()}`);
  }

  const client = new ImapFlow({ host: '127.0.0.1', port, secure: false, auth: { user, pass: password }, logger: false, disableAutoIdle: true });
  client.on('error', () => undefined);
  await client.connect();
  // One command at a time on the helper's connection: a folder lock per call keeps them apart.
  const inFolder = async <T>(folder: string, body: () => Promise<T>): Promise<T> => {
    const lock = await client.getMailboxLock(folder);
    try {
      return await body();
    } finally {
      lock.release();
    }
  };
  const ensureFolder = async (folder: string) => {
    if (folder === 'INBOX') return;
    const folders = await client.list();
    if (!folders.some((f) => f.path === folder)) await client.mailboxCreate(folder);
  };

  return {
    host: '127.0.0.1',
    port,
    user,
    password,
    ensureFolder,
    async append(folder, raw, arrived) {
      await ensureFolder(folder);
      const appended = await client.append(folder, raw, [], arrived);
      if (!appended || appended.uid === undefined) throw new Error(`APPEND to ${folder} gave no UID`);
      return appended.uid;
    },
    async recreateFolder(folder) {
      if (client.mailbox && client.mailbox.path === folder) await client.mailboxClose();
      await client.mailboxDelete(folder);
      await client.mailboxCreate(folder);
    },
    async flags(folder) {
      return inFolder(folder, async () => {
        const result = new Map<number, string[]>();
        if (client.mailbox && client.mailbox.exists === 0) return result;
        for await (const message of client.fetch('1:*', { uid: true, flags: true })) {
          result.set(message.uid, [...(message.flags ?? [])].filter((f) => f !== '\\Recent').sort());
        }
        return result;
      });
    },
    async uidValidity(folder) {
      const status = await client.status(folder, { uidValidity: true });
      return String(status ? status.uidValidity : '');
    },
    async stop() {
      await client.logout().catch(() => client.close());
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function idsOf(name: string): { uid: number; gid: number } {
  const line = readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith(`${name}:`));
  if (!line) throw new Error(`no system user ${name}: dovecot-imapd creates it`);
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

function groupOf(user: string): string {
  const { gid } = idsOf(user);
  const line = readFileSync('/etc/group', 'utf8').split('\n').find((l) => l.split(':')[2] === String(gid));
  return line?.split(':')[0] ?? user;
}
