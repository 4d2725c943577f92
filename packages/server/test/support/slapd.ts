import { type ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client, InvalidCredentialsError, type Change, type Entry } from 'ldapts';
import { afterAll, beforeAll, describe } from 'vitest';
import {
  buildDirectoryFixture,
  type DirectoryFixture,
  GROUPS_BASE,
  PEOPLE_BASE,
  POLICY_DN,
  ROOT_DN,
  SERVICE_DN,
  ssha,
  SUFFIX,
} from './slapd-directory.js';
import { MFA_FACTOR_ATTRIBUTE, MFA_SCHEMA } from './slapd-mfa-schema.js';

/** Where Debian's slapd and ldap-utils put the tools the directory suites use. */
export const SLAPD_BIN = process.env.SLAPD_BIN || '/usr/sbin/slapd';
const SLAPADD_BIN = process.env.SLAPADD_BIN || '/usr/sbin/slapadd';
const LDAPWHOAMI_BIN = '/usr/bin/ldapwhoami';
const MODULE_PATH = process.env.SLAPD_MODULE_PATH || '/usr/lib/ldap';
const SCHEMA_DIR = process.env.SLAPD_SCHEMA_DIR || '/etc/ldap/schema';
const INSTALL_HINT = 'slapd not installed: apt-get install slapd ldap-utils';
const inCi = process.env.CI === 'true' || process.env.CI === '1';

/** Why the directory suites cannot run here, or null. Under CI a missing slapd fails the run instead. */
export const slapdProblem: string | null = [SLAPD_BIN, SLAPADD_BIN, LDAPWHOAMI_BIN].every((bin) => existsSync(bin))
  ? null
  : INSTALL_HINT;
if (slapdProblem && inCi) {
  // A skipped directory suite would let CI pass without ever talking to a directory.
  throw new Error(`slapd is required under CI=true: ${slapdProblem}`);
}
if (slapdProblem) console.warn(`[deskside tests] directory suites skipped: ${slapdProblem}`);

/** Declares a suite that needs slapd; without it the suite shows up as skipped, with the install hint. */
export function describeWithSlapd(title: string, body: () => void): void {
  if (slapdProblem) describe.skip(`${title} (${slapdProblem})`, body);
  else describe(title, body);
}

/** A private slapd for the enclosing describe block, started before its tests and stopped after. */
export function useSlapd(options: StartSlapdOptions = {}): Slapd {
  const holder = {} as Slapd;
  beforeAll(async () => {
    Object.assign(holder, await startSlapd(options));
  });
  afterAll(async () => {
    await holder.stop?.();
  });
  return holder;
}

export interface StartSlapdOptions {
  /** Also listen on ldaps:// and offer StartTLS, with a throwaway CA (needs openssl). */
  tls?: boolean;
}

/** A running slapd on 127.0.0.1 with the fixture directory loaded. */
export interface Slapd {
  url: string;
  ldapsUrl: string | null;
  caPem: string | null;
  port: number;
  dir: string;
  fixture: DirectoryFixture;
  /** True when a simple bind with these credentials succeeds (a real bind: ppolicy counts failures). */
  tryBind(dn: string, password: string): Promise<boolean>;
  /** ldapwhoami with the password policy control: what ppolicy tells the user at bind. */
  whoamiWithPolicy(dn: string, password: string): Promise<string>;
  /** Reads one entry as the root DN, operational attributes included. */
  readAsRoot(dn: string, attributes?: string[]): Promise<Entry>;
  modifyAsRoot(dn: string, changes: Change[]): Promise<void>;
  /** slapd's own log (stats level) so far. */
  log(): string;
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

async function accepting(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function slapdConf(dir: string, rootPassword: string, tls: boolean): string {
  const svc = `dn.exact="${SERVICE_DN}"`;
  return `include ${SCHEMA_DIR}/core.schema
include ${SCHEMA_DIR}/cosine.schema
include ${SCHEMA_DIR}/inetorgperson.schema
include ${dir}/deskside-mfa.schema
modulepath ${MODULE_PATH}
moduleload back_mdb.la
moduleload ppolicy.la
pidfile ${dir}/slapd.pid
argsfile ${dir}/slapd.args
${tls ? `TLSCACertificateFile ${dir}/ca.pem\nTLSCertificateFile ${dir}/server.pem\nTLSCertificateKeyFile ${dir}/server.key\n` : ''}
database mdb
maxsize 67108864
suffix "${SUFFIX}"
rootdn "${ROOT_DN}"
rootpw ${ssha(rootPassword)}
directory ${dir}/data
index objectClass eq
index entryUUID eq
index member eq
index uid eq

overlay ppolicy
ppolicy_default "${POLICY_DN}"
ppolicy_hash_cleartext

# The delegated service account: reads people and groups, writes only passwords, lockout state
# and group membership. Anything else (mail, phone, names) it may not touch.
access to dn.subtree="${PEOPLE_BASE}" attrs=userPassword
  by ${svc} =w
  by self =wx
  by anonymous auth
  by * none
access to dn.subtree="${PEOPLE_BASE}" attrs=pwdAccountLockedTime,pwdFailureTime,pwdReset
  by ${svc} write
  by self read
  by * none
# Enrolled second factors: the desk may clear them (an MFA reset); nobody else reads them here.
access to dn.subtree="${PEOPLE_BASE}" attrs=${MFA_FACTOR_ATTRIBUTE}
  by ${svc} write
  by * none
access to dn.subtree="${GROUPS_BASE}" attrs=member
  by ${svc} write
  by users read
  by * none
access to attrs=userPassword
  by anonymous auth
  by * none
access to *
  by ${svc} read
  by users read
  by * none
`;
}

function makeCertificates(dir: string): void {
  const run = (args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  run(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=Deskside Test CA']);
  run(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=localhost']);
  writeFileSync(join(dir, 'server.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  run(['x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.pem', '-days', '2', '-extfile', 'server.ext']);
}

/** Starts slapd in the foreground with its own slapd.conf and data in a temp dir, the fixture loaded offline. */
export async function startSlapd(options: StartSlapdOptions = {}): Promise<Slapd> {
  if (slapdProblem) throw new Error(slapdProblem);
  const dir = mkdtempSync(join(tmpdir(), 'deskside-slapd-'));
  mkdirSync(join(dir, 'data'));
  const fixture = buildDirectoryFixture();
  const tls = options.tls ?? false;
  if (tls) makeCertificates(dir);
  const confPath = join(dir, 'slapd.conf');
  writeFileSync(join(dir, 'deskside-mfa.schema'), MFA_SCHEMA);
  writeFileSync(confPath, slapdConf(dir, fixture.rootPassword, tls), { mode: 0o600 });
  writeFileSync(join(dir, 'directory.ldif'), fixture.ldif, { mode: 0o600 });
  await promisify(execFile)(SLAPADD_BIN, ['-f', confPath, '-l', join(dir, 'directory.ldif')]);

  const port = await freePort();
  const tlsPort = tls ? await freePort() : null;
  const url = `ldap://127.0.0.1:${port}`;
  const ldapsUrl = tlsPort ? `ldaps://127.0.0.1:${tlsPort}` : null;
  const listen = [url, ldapsUrl].filter(Boolean).map((u) => `${u}/`).join(' ');
  // -d keeps slapd in the foreground (our child, stopped by pid); 256 is the per-operation stats log.
  const child: ChildProcess = spawn(SLAPD_BIN, ['-f', confPath, '-h', listen, '-d', '256'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let logText = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    logText += chunk.toString();
  });
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  const deadline = Date.now() + 15_000;
  while (!(await accepting(port))) {
    if (exited || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`slapd did not start on ${url}:\n${logText.slice(-2000)}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const caPem = tls ? readFileSync(join(dir, 'ca.pem'), 'utf8') : null;

  async function asRoot<T>(work: (client: Client) => Promise<T>): Promise<T> {
    const client = new Client({ url, timeout: 5000 });
    try {
      await client.bind(ROOT_DN, fixture.rootPassword);
      return await work(client);
    } finally {
      await client.unbind().catch(() => undefined);
    }
  }

  return {
    url,
    ldapsUrl,
    caPem,
    port,
    dir,
    fixture,
    async tryBind(dn, password) {
      const client = new Client({ url, timeout: 5000 });
      try {
        await client.bind(dn, password);
        return true;
      } catch (error) {
        if (error instanceof InvalidCredentialsError) return false;
        throw error;
      } finally {
        await client.unbind().catch(() => undefined);
      }
    },
    async whoamiWithPolicy(dn, password) {
      return new Promise((resolve) => {
        execFile(LDAPWHOAMI_BIN, ['-x', '-H', url, '-D', dn, '-w', password, '-e', 'ppolicy'], (_error, stdout, stderr) =>
          resolve(`${stdout}\n${stderr}`),
        );
      });
    },
    readAsRoot: (dn, attributes = ['*', '+']) =>
      asRoot(async (client) => {
        const { searchEntries } = await client.search(dn, { scope: 'base', attributes });
        if (!searchEntries[0]) throw new Error(`no entry ${dn}`);
        return searchEntries[0];
      }),
    modifyAsRoot: (dn, changes) => asRoot((client) => client.modify(dn, changes)),
    log: () => logText,
    async stop() {
      if (!exited) {
        const gone = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([gone, new Promise((r) => setTimeout(r, 5000))]);
        if (!exited) child.kill('SIGKILL');
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
