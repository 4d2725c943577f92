import pg from 'pg';
import { describe } from 'vitest';

export type TestDialect = 'sqlite' | 'postgres';

/** The server the PostgreSQL suites create their throwaway databases on. */
export const POSTGRES_URL = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

const inCi = process.env.CI === 'true' || process.env.CI === '1';

async function postgresProblem(): Promise<string | null> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (error) {
    return error instanceof Error ? error.message || error.name : String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

const pgProblem = await postgresProblem();
if (pgProblem && inCi) {
  // A skipped PostgreSQL suite would let CI pass without ever touching PostgreSQL.
  throw new Error(`PostgreSQL is required under CI=true but ${redact(POSTGRES_URL)} is unreachable: ${pgProblem}`);
}
if (pgProblem) {
  console.warn(`[deskside tests] PostgreSQL suites skipped: ${redact(POSTGRES_URL)} is unreachable (${pgProblem}). Set TEST_DATABASE_URL to run them.`);
}

/** Dialects to run, with the reason a dialect is skipped on this machine. */
export const DIALECTS: readonly { name: TestDialect; skip: string | null }[] = [
  { name: 'sqlite', skip: null },
  { name: 'postgres', skip: pgProblem ? `PostgreSQL unreachable: ${pgProblem}` : null },
];

/** Declares the same suite once per dialect; an unavailable dialect shows up as skipped, with why. */
export function describeEachDialect(title: string, body: (dialect: TestDialect) => void): void {
  for (const { name, skip } of DIALECTS) {
    if (skip) describe.skip(`${title} [${name}] (${skip})`, () => body(name));
    else describe(`${title} [${name}]`, () => body(name));
  }
}

/** Runs only where PostgreSQL is available (e.g. two nodes on one database). */
export const postgresAvailable = pgProblem === null;

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
