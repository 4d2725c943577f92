import type { CreateTicketBody } from '@deskside/shared';
import { Pool } from 'undici';
import { type LatencySummary, summarize } from './percentiles.js';

/**
 * An API client holding a Bearer token, over one undici connection pool. fetch cost
 * the benchmark 0.6-0.8 ms of CPU per request, which capped it near 1,500 requests/s
 * on the two cores it shares with the server; a pool's request() costs a fraction.
 */
export interface ApiClient {
  baseUrl: string;
  token: string;
  pool: Pool;
}

async function expectJson<T>(response: Response, what: string): Promise<T> {
  const text = await response.text();
  if (!response.ok) throw new Error(`${what} answered ${response.status}: ${text.slice(0, 500)}`);
  return JSON.parse(text) as T;
}

/**
 * Signs in with e-mail and password (cookie + CSRF token), then mints a scoped
 * API token from that session, as an integration would be set up.
 */
export async function signInWithToken(
  baseUrl: string,
  email: string,
  password: string,
  scopes: readonly string[] = ['tickets:read', 'tickets:write'],
): Promise<ApiClient> {
  const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const { csrfToken } = await expectJson<{ csrfToken: string }>(login, 'POST /api/v1/auth/login');
  const created = await fetch(`${baseUrl}/api/v1/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify({ name: 'bench', scopes }),
  });
  const { token } = await expectJson<{ token: string }>(created, 'POST /api/v1/tokens');
  return { baseUrl, token, pool: new Pool(baseUrl, { connections: 32, pipelining: 1 }) };
}

/**
 * One timed request. `parse` false drains the body unread: a create's answer is
 * checked by its status alone, so the client spends no CPU on JSON it would discard.
 */
async function timed<T>(client: ApiClient, path: string, what: string, init: { method?: 'GET' | 'POST'; body?: string; parse?: boolean } = {}): Promise<{ ms: number; body: T | undefined }> {
  const headers: Record<string, string> = { authorization: `Bearer ${client.token}` };
  if (init.body) headers['content-type'] = 'application/json';
  const started = performance.now();
  const response = await client.pool.request({ path, method: init.method ?? 'GET', headers, body: init.body });
  const ok = response.statusCode >= 200 && response.statusCode < 300;
  if (!ok) throw new Error(`${what} answered ${response.statusCode}: ${(await response.body.text()).slice(0, 500)}`);
  if (init.parse === false) {
    await response.body.dump();
    return { ms: performance.now() - started, body: undefined };
  }
  const text = await response.body.text();
  const ms = performance.now() - started;
  return { ms, body: JSON.parse(text) as T };
}

export interface CreateResult {
  count: number;
  concurrency: number;
  seconds: number;
  ticketsPerSecond: number;
  latency: LatencySummary;
}

/** POSTs `count` tickets from `concurrency` workers sharing one queue of work. */
export async function createTickets(
  client: ApiClient,
  count: number,
  concurrency: number,
  body: (i: number) => CreateTicketBody,
): Promise<CreateResult> {
  const timings: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const { ms } = await timed(client, '/api/v1/tickets', 'POST /api/v1/tickets', { method: 'POST', body: JSON.stringify(body(i)), parse: false });
      timings.push(ms);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  return { count, concurrency, seconds: Math.round(seconds * 100) / 100, ticketsPerSecond: Math.round(count / seconds), latency: summarize(timings) };
}

type Page = { items: { id: number }[]; nextCursor: string | null };

export interface QueueResult {
  walks: number;
  firstPage: LatencySummary;
  fifthPage: LatencySummary;
  /** Pages two to four, for completeness. */
  middlePages: LatencySummary;
}

/**
 * Opens the default queue (all open tickets, 25 a page) and follows nextCursor
 * to the fifth page, `walks` times, one request at a time; each page is timed alone.
 */
export async function walkQueue(client: ApiClient, walks: number, pages = 5): Promise<QueueResult> {
  const first: number[] = [];
  const middle: number[] = [];
  const fifth: number[] = [];
  for (let w = 0; w < walks; w++) {
    let cursor: string | null = null;
    for (let page = 1; page <= pages; page++) {
      const path: string = `/api/v1/tickets${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`;
      const { ms, body } = await timed<Page>(client, path, `GET queue page ${page}`);
      if (!body || body.items.length === 0) throw new Error(`queue page ${page} is empty: too few open tickets to walk ${pages} pages`);
      (page === 1 ? first : page === pages ? fifth : middle).push(ms);
      cursor = body.nextCursor;
      if (!cursor && page < pages) throw new Error(`queue ends at page ${page}: too few open tickets to walk ${pages} pages`);
    }
  }
  return { walks, firstPage: summarize(first), fifthPage: summarize(fifth), middlePages: summarize(middle) };
}

export interface SearchResult extends LatencySummary {
  word: string;
  firstPageItems: number;
}

/** Searches for one word (first page, newest first) `samples` times, one request at a time. */
export async function searchLatency(client: ApiClient, word: string, samples: number): Promise<SearchResult> {
  const timings: number[] = [];
  let items = 0;
  for (let i = 0; i < samples; i++) {
    const { ms, body } = await timed<Page>(client, `/api/v1/tickets?q=${encodeURIComponent(word)}`, `GET search ${word}`);
    timings.push(ms);
    items = body?.items.length ?? 0;
  }
  return { word, firstPageItems: items, ...summarize(timings) };
}
