import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import type { Logger } from 'pino';
import { afterAll, beforeAll } from 'vitest';
import { readConfig } from '../../src/config.js';
import type { Db } from '../../src/db/connect.js';
import { openDesk, type Desk } from '../../src/desk.js';
import type { AppContext } from '../../src/http/app-context.js';
import { buildServer } from '../../src/http/server.js';
import { POSTGRES_URL, type TestDialect } from './dialects.js';

/** A throwaway database: a temp directory for SQLite, a fresh database on the PostgreSQL server. */
export interface TestDatabase {
  dialect: TestDialect;
  env: Record<string, string>;
  drop(): Promise<void>;
}

/** One running desk node: the real openDesk + buildServer, listening on 127.0.0.1. */
export interface TestNode {
  baseUrl: string;
  desk: Desk;
  ctx: AppContext;
  db: Db;
  app: FastifyInstance;
  /** fetch against this node, counting sign-ins so a suite fails clearly before the rate limit bites. */
  fetch: typeof fetch;
  close(): Promise<void>;
}

export interface TestDesk extends TestNode {
  dialect: TestDialect;
  database: TestDatabase;
}

export async function createTestDatabase(dialect: TestDialect): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'deskside-test-'));
  const removeDir = () => rmSync(dir, { recursive: true, force: true });
  if (dialect === 'sqlite') return { dialect, env: { DATA_DIR: dir }, drop: async () => removeDir() };

  const name = `deskside_t_${randomBytes(6).toString('hex')}`;
  await onServer(`CREATE DATABASE ${name}`);
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  return {
    dialect,
    env: { DATA_DIR: dir, DATABASE_URL: url.toString() },
    drop: async () => {
      await dropDatabase(name);
      removeDir();
    },
  };
}

async function onServer(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/**
 * pg's pool resolves end() before every backend has gone, and forcing the drop then
 * kills a connection whose client no longer listens for errors: wait for them first.
 */
async function dropDatabase(name: string): Promise<void> {
  for (let attempt = 0; attempt < 50; attempt++) {
    try {
      await onServer(`DROP DATABASE IF EXISTS ${name}`);
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== '55006') throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  await onServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}

/** Starts a node on a database; several nodes may share one (PostgreSQL). */
/** log: a logger of the test's own (to read what the desk wrote); default silent. */
export async function startNode(database: TestDatabase, options: { log?: Logger } = {}): Promise<TestNode> {
  const config = readConfig({
    ...database.env,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    DESKSIDE_WEB_DIST: join(database.env.DATA_DIR!, 'no-web-build'),
  });
  const desk = await openDesk(config, options.log);
  const app = await buildServer(desk.ctx);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  // Every test signs in from 127.0.0.1: stay under the node's per-address cap, as configured by default.
  const budget = desk.ctx.config.loginRatePerMinute;
  const logins: number[] = [];
  const countedFetch: typeof fetch = (input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    if (url.endsWith('/api/v1/auth/login') && (init?.method ?? 'GET') === 'POST') {
      const now = Date.now();
      while (logins.length && now - logins[0]! > 60_000) logins.shift();
      if (logins.length >= budget) {
        throw new Error(`More than ${budget} sign-ins a minute on one test desk would hit the per-address limit: give this describe block its own desk`);
      }
      logins.push(now);
    }
    return fetch(input, init);
  };
  return {
    baseUrl,
    desk,
    ctx: desk.ctx,
    db: desk.ctx.db,
    app,
    fetch: countedFetch,
    close: async () => {
      await app.close();
      await desk.close();
    },
  };
}

/** A fresh database with one desk node on it; close() stops the node and drops the database. */
export async function startTestDesk(dialect: TestDialect, options: { log?: Logger } = {}): Promise<TestDesk> {
  const database = await createTestDatabase(dialect);
  try {
    const node = await startNode(database, options);
    return {
      ...node,
      dialect,
      database,
      close: async () => {
        try {
          await node.close();
        } finally {
          await database.drop();
        }
      },
    };
  } catch (error) {
    await database.drop();
    throw error;
  }
}

/**
 * A desk for the enclosing describe block: started before its tests, closed and
 * dropped after them. The returned object is filled in by beforeAll.
 */
export function useTestDesk(dialect: TestDialect, options: { log?: Logger } = {}): TestDesk {
  const holder = {} as TestDesk;
  beforeAll(async () => {
    Object.assign(holder, await startTestDesk(dialect, options));
  });
  afterAll(async () => {
    await holder.close?.();
  });
  return holder;
}
