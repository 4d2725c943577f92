import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { BenchDialect } from './seed-bulk.js';
import { createPostgresDatabase, machineInfo, type PostgresDatabase } from './bench-environment.js';
import { measureTimerLateness } from './job-lateness.js';
import { measureInboundMail } from './mail-inbound.js';
import { runDialect, TARGETS, type DialectReport } from './run-dialect.js';
import { measureSlaStatus } from './sla-status.js';

// `npm run bench`: four suites, one JSON document on stdout (progress on stderr).
//   desk:   seeds a desk per dialect and drives a real server process over HTTP (issue 2);
//   sla:    SLA status of 100,000 open tickets through the server's compute path (issue 3);
//   timers: lateness of 10,000 job-engine timers due within one minute (issue 3);
//   mail:   inbound mail through the SMTP listener of a real server process into tickets (issue 4).

const USAGE = `usage: npm run bench -- [--suites desk,sla,timers,mail] [--tickets N] [--dialect sqlite|postgres|both]
                       [--keep] [--creates N] [--samples N] [--requesters N] [--timers N] [--timer-window-ms MS]
                       [--mails N]`;
const SUITES = ['desk', 'sla', 'timers', 'mail'] as const;
type Suite = (typeof SUITES)[number];

function options() {
  const { values } = parseArgs({
    options: {
      tickets: { type: 'string', default: '100000' },
      dialect: { type: 'string' },
      keep: { type: 'boolean', default: false },
      creates: { type: 'string', default: '5000' },
      samples: { type: 'string', default: '200' },
      requesters: { type: 'string', default: '3000' },
      suites: { type: 'string', default: SUITES.join(',') },
      timers: { type: 'string', default: '10000' },
      'timer-window-ms': { type: 'string', default: '60000' },
      mails: { type: 'string', default: '5000' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stderr.write(`${USAGE}\n`);
    process.exit(0);
  }
  const count = (name: string, raw: string) => {
    const n = Number(raw.replace(/_/g, ''));
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive whole number, got ${raw}\n${USAGE}`);
    return n;
  };
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const dialectArg = values.dialect ?? (databaseUrl ? 'both' : 'sqlite');
  if (!['sqlite', 'postgres', 'both'].includes(dialectArg)) throw new Error(`--dialect must be sqlite, postgres or both\n${USAGE}`);
  const dialects: BenchDialect[] = dialectArg === 'both' ? ['sqlite', 'postgres'] : [dialectArg as BenchDialect];
  if (dialects.includes('postgres') && !databaseUrl) {
    throw new Error('PostgreSQL needs DATABASE_URL (a server the benchmark may create a database on), e.g. postgres://postgres@127.0.0.1:5432/postgres');
  }
  const suites = values.suites.split(',').map((x) => x.trim());
  const unknown = suites.filter((x) => !(SUITES as readonly string[]).includes(x));
  if (unknown.length) throw new Error(`--suites takes ${SUITES.join(', ')}; unknown: ${unknown.join(', ')}\n${USAGE}`);
  return {
    suites: new Set(suites as Suite[]),
    timers: count('timers', values.timers),
    timerWindowMs: count('timer-window-ms', values['timer-window-ms']),
    mails: count('mails', values.mails),
    tickets: count('tickets', values.tickets),
    creates: count('creates', values.creates),
    samples: count('samples', values.samples),
    requesters: count('requesters', values.requesters),
    dialects,
    keep: values.keep,
    databaseUrl,
  };
}

const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);

async function main(): Promise<number> {
  const opts = options();
  const results: Partial<Record<BenchDialect, DialectReport | { error: string }>> = {};
  let failed = false;
  for (const dialect of opts.suites.has('desk') ? opts.dialects : []) {
    const dataDir = mkdtempSync(join(tmpdir(), `deskside-bench-${dialect}-`));
    let database: PostgresDatabase | null = null;
    try {
      if (dialect === 'postgres') {
        database = await createPostgresDatabase(opts.databaseUrl!);
        log(`postgres: created database ${database.name}`);
      }
      results[dialect] = await runDialect({
        dialect, dataDir, databaseUrl: database?.url, tickets: opts.tickets, creates: opts.creates,
        samples: opts.samples, requesters: opts.requesters, log,
      });
    } catch (error) {
      failed = true;
      log(`${dialect} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      results[dialect] = { error: error instanceof Error ? error.message : String(error) };
    } finally {
      if (opts.keep) {
        log(`kept ${dataDir}${database ? ` and database ${database.name}` : ''}`);
      } else {
        rmSync(dataDir, { recursive: true, force: true });
        await database?.drop();
      }
    }
  }
  // The SLA and timer suites use PostgreSQL when --dialect includes it, like the desk suite.
  const pgUrl = opts.dialects.includes('postgres') ? opts.databaseUrl : undefined;
  const extra = async <T>(suite: Suite, run: () => Promise<T>): Promise<T | { error: string } | undefined> => {
    if (!opts.suites.has(suite)) return undefined;
    log(`${suite}: starting`);
    try {
      return await run();
    } catch (error) {
      failed = true;
      log(`${suite} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return { error: error instanceof Error ? error.message : String(error) };
    }
  };
  const sla = await extra('sla', () => measureSlaStatus(pgUrl));
  const timers = await extra('timers', () => measureTimerLateness(pgUrl, opts.timers, opts.timerWindowMs));
  const mail = await extra('mail', async () => {
    const measured = await measureInboundMail({ dialects: opts.dialects, databaseUrl: opts.databaseUrl, mails: opts.mails, keep: opts.keep, log });
    // A dialect that failed, or a desk that lost or doubled mail, fails the run.
    if (measured.results.some((r) => 'error' in r || !r.contents.exact)) failed = true;
    return measured;
  });
  const report = {
    benchmark: 'deskside',
    at: new Date().toISOString(),
    machine: await machineInfo(opts.databaseUrl),
    ticketsRequested: opts.tickets,
    createsPerDialect: opts.creates,
    samplesPerLatency: opts.samples,
    targets: TARGETS,
    results,
    sla,
    timers,
    mail,
  };
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
