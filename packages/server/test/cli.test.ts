import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { beforeAll, expect, inject, it } from 'vitest';
import { describeEachDialect } from './support/dialects.js';
import { signIn } from './support/people.js';
import { createTestDatabase, startNode, type TestDatabase } from './support/test-desk.js';
import { expectProblem } from './support/tickets.js';

const BIN = fileURLToPath(new URL('../bin/deskside.js', import.meta.url));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real `deskside` command against a test database, as an operator would. */
function deskside(database: TestDatabase, args: string[], input?: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...process.env, DATA_DIR: database.env.DATA_DIR, DATABASE_URL: database.env.DATABASE_URL ?? '', DESKSIDE_ADMIN_EMAIL: '', DESKSIDE_DEMO: '' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}

describeEachDialect('the deskside command line', (dialect) => {
  beforeAll(() => {
    const build = inject('cliBuild');
    if (!build.ok) throw new Error(`Building shared and server for the CLI tests failed:\n${build.output}`);
  });

  it('migrate exits 0, and again 0 when there is nothing to do', async () => {
    const database = await createTestDatabase(dialect);
    try {
      for (let i = 0; i < 2; i++) {
        const run = await deskside(database, ['migrate']);
        expect(run.stderr).toBe('');
        expect(run.code).toBe(0);
        expect(run.stdout).toContain(`Database is up to date (${dialect})`);
      }
    } finally {
      await database.drop();
    }
  });

  it('user create --password-stdin makes a person who can then sign in over HTTP', async () => {
    const database = await createTestDatabase(dialect);
    const password = 'typed into stdin, never on argv';
    try {
      const run = await deskside(
        database,
        ['user', 'create', '--email', 'x@y.test', '--name', 'X', '--role', 'agent', '--group', 'Network', '--password-stdin'],
        `${password}\n`,
      );
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^Created agent x@y\.test \(id \d+\)\.\n$/);
      expect(run.stdout).not.toContain(password);

      const again = await deskside(database, ['user', 'create', '--email', 'X@y.test', '--name', 'X2', '--role', 'agent']);
      expect(again.code).toBe(1);
      expect(again.stderr).toContain('already exists');

      const node = await startNode(database);
      try {
        const api = await signIn(node, 'x@y.test', password);
        const me = await api.me();
        expect(me.user).toMatchObject({ email: 'x@y.test', name: 'X', role: 'agent' });
        expect(me.user.groupIds).toHaveLength(1);
        const withNewline = node.fetch(`${node.baseUrl}/api/v1/auth/login`, {
          method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'x@y.test', password: `${password}\n` }),
        });
        expect((await withNewline).status).toBe(401);
        await expectProblem(api.createUser({ email: 'z@y.test', name: 'Z', role: 'agent' }), 403);
      } finally {
        await node.close();
      }
    } finally {
      await database.drop();
    }
  });

  it('refuses bad arguments with a usage message and exit code 2', async () => {
    const database = await createTestDatabase(dialect);
    try {
      const badRole = await deskside(database, ['user', 'create', '--email', 'a@b.test', '--name', 'A', '--role', 'boss']);
      expect(badRole.code).toBe(2);
      expect(badRole.stderr).toContain('Usage: deskside');
      const unknown = await deskside(database, ['frobnicate']);
      expect(unknown.code).toBe(2);
      const noGroup = await deskside(database, ['user', 'create', '--email', 'a@b.test', '--name', 'A', '--role', 'agent', '--group', 'Nope']);
      expect(noGroup.code).toBe(2);
      expect(noGroup.stderr).toContain('No group named "Nope"');
    } finally {
      await database.drop();
    }
  });
});
