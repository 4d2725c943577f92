import { createServer } from 'node:net';
import pg from 'pg';
import { ADMIN } from './desk-process.js';

/** A port the OS says is free right now, for a desk process to listen on. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface ApiSession {
  cookie: string;
  csrfToken: string;
}

/** Signs in over the API, as a browser would, and keeps the cookie and CSRF token. */
export async function signIn(baseUrl: string, email: string, password: string): Promise<ApiSession> {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`sign-in as ${email} failed: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { csrfToken: string };
  const cookie = (res.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '';
  return { cookie, csrfToken: body.csrfToken };
}

/** A JSON call with a signed-in session; throws with the problem text on any error answer. */
export async function call<T>(baseUrl: string, session: ApiSession, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      cookie: session.cookie,
      'x-csrf-token': session.csrfToken,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

export const PEOPLE = {
  requester: { email: 'mara.lindqvist@e2e.test', name: 'Mara Lindqvist', password: 'requester-e2e-passphrase' },
  agent: { email: 'sam.achterberg@e2e.test', name: 'Sam Achterberg', password: 'agent-e2e-passphrase' },
} as const;

/** Adds a requester and a Service Desk agent through the admin API, the way an admin would. */
export async function addPeople(baseUrl: string): Promise<void> {
  const admin = await signIn(baseUrl, ADMIN.email, ADMIN.password);
  const groups = await call<{ items: { id: number; name: string }[] }>(baseUrl, admin, 'GET', '/api/v1/groups');
  const serviceDesk = groups.items.find((g) => g.name === 'Service Desk');
  if (!serviceDesk) throw new Error('the default Service Desk group is missing');
  await call(baseUrl, admin, 'POST', '/api/v1/people', { ...PEOPLE.requester, role: 'requester' });
  await call(baseUrl, admin, 'POST', '/api/v1/people', { ...PEOPLE.agent, role: 'agent', groupIds: [serviceDesk.id] });
}

/** A throwaway PostgreSQL database next to `serverUrl`'s, dropped by the returned function. */
export async function createThrowawayDatabase(serverUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `deskside_e2e_${Date.now()}_${process.pid}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/** Whether PostgreSQL answers at `url`; under CI its absence is a failure, not a skip. */
export async function postgresReachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    return true;
  } catch (error) {
    if (process.env.CI === 'true') throw new Error(`CI=true but PostgreSQL at ${url} is unreachable: ${String(error)}`);
    console.warn(`[e2e] PostgreSQL two-node suite skipped: ${String(error)}`);
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}
