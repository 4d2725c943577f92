import { expect, it } from 'vitest';
import { describeEachDialect } from './support/dialects.js';
import { signedIn } from './support/people.js';
import { useTestDesk } from './support/test-desk.js';
import { createTicket } from './support/tickets.js';

const ACTIONS = ['acknowledge', 'comments', 'assign', 'accept', 'restore', 'resolve', 'confirm', 'reopen'];

function expectSecurityHeaders(res: Response, what: string): void {
  const csp = res.headers.get('content-security-policy') ?? '';
  expect(csp, what).toContain("script-src 'self'");
  expect(csp, what).toContain("frame-ancestors 'none'");
  expect(csp, what).not.toContain('unsafe-inline');
  expect(res.headers.get('x-content-type-options'), what).toBe('nosniff');
  expect(res.headers.get('x-frame-options'), what).toBe('DENY');
}

describeEachDialect('operations endpoints', (dialect) => {
  const desk = useTestDesk(dialect);
  const get = (path: string) => desk.fetch(desk.baseUrl + path);

  it('answers /healthz and /readyz with 200, naming the database', async () => {
    const health = await get('/healthz');
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await get('/readyz');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', database: dialect });
  });

  it('exposes Prometheus metrics including request durations by route', async () => {
    const { api } = await signedIn(desk, { role: 'agent', groupNames: ['Service Desk'] });
    await createTicket(api);
    const res = await get('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    expect(text).toContain('# TYPE deskside_http_request_duration_seconds histogram');
    expect(text).toMatch(/deskside_http_request_duration_seconds_count\{method="POST",route="\/api\/v1\/tickets",status="201"\} [1-9]/);
    expect(text).toContain('deskside_process_resident_memory_bytes');
  });

  it('publishes an OpenAPI 3.1 document with the paths of the contract, and every $ref resolves', async () => {
    const res = await get('/api/v1/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as {
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
      components: { schemas: Record<string, unknown> };
    };
    expect(doc.openapi).toBe('3.1.0');
    const expected: [string, string][] = [
      ['/api/v1/auth/login', 'post'], ['/api/v1/auth/logout', 'post'], ['/api/v1/me', 'get'],
      ['/api/v1/tickets', 'get'], ['/api/v1/tickets', 'post'], ['/api/v1/tickets/{id}', 'get'], ['/api/v1/tickets/{id}', 'patch'],
      ['/api/v1/tickets/{id}/events', 'get'],
      ...ACTIONS.map((a): [string, string] => [`/api/v1/tickets/{id}/${a}`, 'post']),
    ];
    for (const [path, method] of expected) expect(doc.paths[path]?.[method], `${method} ${path}`).toBeDefined();
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(['Problem', 'Ticket', 'TicketSummary', 'CreateTicket']));

    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(10);
    for (const ref of new Set(refs)) expect(doc.components.schemas, ref).toHaveProperty(ref);
  });

  it('serves the API docs page as HTML that runs under our CSP (no inline script or style)', async () => {
    const res = await get('/api/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toContain('<title>Deskside API</title>');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/\sstyle=|<style/);
    expectSecurityHeaders(res, 'docs page');
    const script = await get('/api/docs/docs.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/javascript/);
  });

  it('sends the security headers on every kind of response', async () => {
    const { api } = await signedIn(desk);
    const responses: [string, Response][] = [
      ['health', await get('/healthz')],
      ['api json', await api.raw('/api/v1/me')],
      ['api error', await get('/api/v1/me')],
      ['unknown route', await get('/nope')],
      ['openapi', await get('/api/v1/openapi.json')],
    ];
    for (const [what, res] of responses) expectSecurityHeaders(res, what);
    const me = responses[1]![1];
    expect(me.headers.get('cache-control')).toBe('no-store');
    expect(me.headers.get('strict-transport-security')).toBeNull();
  });
});
