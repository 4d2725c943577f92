import { parseArgs } from 'node:util';
import { CreateUserBody } from '@deskside/shared';
import { readConfig } from '../config.js';
import { createLogger, openDesk } from '../desk.js';
import { DEMO_PASSWORD, seedDemo } from '../modules/demo/index.js';
import { createUser, findGroupByName } from '../modules/identity/index.js';
import { runAuditExport, runAuditVerify } from './audit-commands.js';
import { serve, type Role } from './serve.js';

const USAGE = `Usage: deskside <command>

  serve [--role api|worker|all] [--demo]   run the desk (default role: all)
  migrate                                  bring the database schema up to date
  seed --demo                              add the demo organisation to an empty desk
  user create --email E --name N --role R [--group G]... [--password-stdin]
                                           add a person (R: requester, agent, lead, admin)
  audit verify                             check the audit log's hash chain; exit 1 names the first broken link
  audit export [--since SEQ] [--format jsonl]
                                           the audit log after SEQ as JSON lines on stdout, for a SIEM

Reads DATA_DIR (default ./data) or DATABASE_URL, like the server.`;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

function fail(message: string): never {
  process.stderr.write(`${message}\n\n${USAGE}\n`);
  process.exit(2);
}

/** The `deskside` command line: every command goes through the same use cases as the API. */
export async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      role: { type: 'string' }, demo: { type: 'boolean' }, email: { type: 'string' }, name: { type: 'string' },
      group: { type: 'string', multiple: true }, 'password-stdin': { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
      since: { type: 'string' }, format: { type: 'string' },
    },
  });
  const [command, sub] = positionals;
  if (values.help || !command) return void process.stdout.write(`${USAGE}\n`);
  const config = readConfig();
  if (command === 'serve') {
    const role = (values.role ?? 'all') as Role;
    if (!['api', 'worker', 'all'].includes(role)) fail(`--role must be api, worker or all, not ${values.role}`);
    return serve(role, values.demo ? { demo: true } : {});
  }
  const desk = await openDesk(config, createLogger({ logLevel: 'warn' }));
  try {
    if (command === 'migrate') {
      process.stdout.write(`Database is up to date (${desk.ctx.dialect}).\n`);
    } else if (command === 'seed') {
      if (!values.demo) fail('seed needs --demo');
      const result = await seedDemo(desk.ctx.db, Date.now());
      process.stdout.write(result.created
        ? `Seeded ${result.tickets} demo tickets and their people. Sign in with password ${DEMO_PASSWORD} as:\n${result.accounts.map((a) => `  ${a.role.padEnd(9)} ${a.email}`).join('\n')}\n`
        : 'The desk already has tickets; the demo is only added to an empty desk.\n');
    } else if (command === 'user' && sub === 'create') {
      const password = values['password-stdin'] ? await readStdin() : undefined;
      // The same contract as POST /api/v1/people: a bad e-mail or short password is refused here too.
      const parsed = CreateUserBody.safeParse({ email: values.email, name: values.name, role: values.role, ...(password === undefined ? {} : { password }) });
      if (!parsed.success) fail(`user create: ${parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; ')}`);
      const user = await desk.ctx.db.transaction().execute(async (tx) => {
        const groupIds: number[] = [];
        for (const name of values.group ?? []) {
          const group = await findGroupByName(tx, name);
          if (!group) fail(`No group named "${name}"`);
          groupIds.push(group.id);
        }
        return createUser(tx, { ...parsed.data, groupIds, now: Date.now() });
      });
      process.stdout.write(`Created ${user.role} ${user.email} (id ${user.id}).\n`);
    } else if (command === 'audit' && sub === 'verify') {
      await runAuditVerify(desk.ctx.db);
    } else if (command === 'audit' && sub === 'export') {
      await runAuditExport(desk.ctx.db, values, fail);
    } else {
      fail(`Unknown command: ${positionals.join(' ')}`);
    }
  } finally {
    await desk.close();
  }
}
