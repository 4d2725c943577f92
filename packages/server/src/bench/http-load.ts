import type { CreateTicketBody } from '@deskside/shared';
import { type LatencySummary, summarize } from './percentiles.js';

/** An API client holding a Bearer token; fetch keeps connections alive between requests. */
export interface ApiClient {
  baseUrl: string;
  token: string;
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
export async function signInWithToken(baseUrl: string, email: string, password: string): Promise<ApiClient> {
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
    body: JSON.stringify({ name: 'bench', scopes: ['tickets:read', 'tickets:write'] }),
  });
  const { token } = await expectJson<{ token: string }>(created, 'POST /api/v1/tokens');
  return { baseUrl, token };
}

async function timed<T>(client: ApiClient, path: string, what: string, init?: RequestInit): Promise<{ ms: number; body: T }> {
  const started = performance.now();
  const response = await fetch(`${client.baseUrl}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${client.token}`, ...(init?.body ? { 'content-type': 'application/json' } : {}) },
  });
  const text = await response.text();
  const ms = performance.now() - started;
  if (!response.ok) throw new Error(`${what} answered ${response.status}: ${text.slice(0, 500)}`);
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
      const { ms } = await timed(client, '/api/v1/tickets', 'POST /api/v1/tickets', { method: 'POST', body: JSON.stringify(body(i)) });
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
      if (body.items.length === 0) throw new Error(`queue page ${page} is empty: too few open tickets to walk ${pages} pages`);
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
    items = body.items.length;
  }
  return { word, firstPageItems: items, ...summarize(timings) };
}
