import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { BenchDialect } from './seed-bulk.js';
import { createPostgresDatabase, machineInfo, type PostgresDatabase } from './bench-environment.js';
import { runDialect, TARGETS, type DialectReport } from './run-dialect.js';

// `npm run bench`: seeds a desk per dialect, drives a real server process over HTTP,
// and prints one JSON document on stdout. Progress goes to stderr.

const USAGE = `usage: npm run bench -- [--tickets N] [--dialect sqlite|postgres|both] [--keep]
                       [--creates N] [--samples N] [--requesters N]`;

function options() {
  const { values } = parseArgs({
    options: {
      tickets: { type: 'string', default: '100000' },
      dialect: { type: 'string' },
      keep: { type: 'boolean', default: false },
      creates: { type: 'string', default: '5000' },
      samples: { type: 'string', default: '200' },
      requesters: { type: 'string', default: '3000' },
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
  return {
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
  for (const dialect of opts.dialects) {
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
  const report = {
    benchmark: 'deskside',
    at: new Date().toISOString(),
    machine: await machineInfo(opts.databaseUrl),
    ticketsRequested: opts.tickets,
    createsPerDialect: opts.creates,
    samplesPerLatency: opts.samples,
    targets: TARGETS,
    results,
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
