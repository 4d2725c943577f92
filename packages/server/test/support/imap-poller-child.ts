// A worker that dies the instant a message's ingest has committed, before the message is
// flagged at the source: run by mail-imap-fault.test.ts as its own process. The hook is
// passed in code here; the product has no switch for it.
import { readConfig } from '../../src/config.js';
import { openDesk } from '../../src/desk.js';
import { mailOriginOf } from '../../src/modules/mail/index.js';
import { startMailboxPollers } from '../../src/modules/mail/imap/index.js';

interface ChildArgs {
  env: Record<string, string>;
  node: string;
  leaseMs: number;
  deskAddress: string;
  domain: string;
}

const args = JSON.parse(process.argv[2] ?? '{}') as ChildArgs;
const config = readConfig({ ...args.env, LOG_LEVEL: 'silent', DESKSIDE_MAIL_DOMAIN: args.domain });
const desk = await openDesk(config);
startMailboxPollers({
  db: desk.ctx.db,
  now: desk.ctx.now,
  log: desk.ctx.log,
  ingestDeps: { db: desk.ctx.db, now: desk.ctx.now, mailboxAddresses: [args.deskAddress], mail: mailOriginOf(config) },
  node: args.node,
  timings: { tickMs: 100, leaseMs: args.leaseMs },
  hooks: {
    afterCommit: ({ uid, outcome }) => {
      process.stdout.write(`committed ${uid} ${outcome.outcome}\n`);
      process.kill(process.pid, 'SIGKILL');
    },
  },
});
process.stdout.write('polling\n');
