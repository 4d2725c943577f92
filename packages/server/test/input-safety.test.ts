import { expect, it } from 'vitest';
import { describeEachDialect } from './support/dialects.js';
import { countRows } from './support/db.js';
import { signedIn } from './support/people.js';
import { useTestDesk } from './support/test-desk.js';
import { createTicket, expectProblem, ticketInput } from './support/tickets.js';

const PROBLEM_JSON = /^application\/problem\+json/;

describeEachDialect('bad input', (dialect) => {
  const desk = useTestDesk(dialect);
  const deskAgent = () => signedIn(desk, { role: 'agent', groupNames: ['Service Desk'] });

  it('rejects unknown fields with 400 naming each one (no mass assignment)', async () => {
    const { api } = await signedIn(desk);
    const before = await countRows(desk.db, 'tickets');
    for (const extra of [{ status: 'closed' }, { priority: 'P1' }, { version: 99 }, { assigneeId: 1 }, { role: 'admin' }]) {
      const problem = await expectProblem(api.request('POST', '/api/v1/tickets', { ...ticketInput(), ...extra }), 400);
      const field = `body.${Object.keys(extra)[0]}`;
      expect(problem.errors).toContainEqual({ field, message: 'unknown field' });
      expect(problem.detail).toContain(field);
    }
    expect(await countRows(desk.db, 'tickets')).toBe(before);
  });

  it('rejects unknown fields on updates and unknown query parameters', async () => {
    const { api } = await deskAgent();
    const t = await createTicket(api);
    const patch = await expectProblem(api.request('PATCH', `/api/v1/tickets/${t.id}`, { subject: 'ok', requesterId: 1 }), 400);
    expect(patch.errors).toContainEqual({ field: 'body.requesterId', message: 'unknown field' });
    const query = await expectProblem(api.request('GET', '/api/v1/tickets?sort=subject'), 400);
    expect(query.errors?.[0]?.field).toBe('query.sort');
    const empty = await expectProblem(api.request('PATCH', `/api/v1/tickets/${t.id}`, {}), 400);
    expect(empty.detail).toContain('nothing to change');
    expect(await api.getTicket(t.id)).toMatchObject({ subject: t.subject, version: t.version });
  });

  it('answers a body over 256 KiB with 413 problem+json and stores nothing', async () => {
    const { api } = await signedIn(desk);
    const before = await countRows(desk.db, 'tickets');
    const body = JSON.stringify({ ...ticketInput(), description: 'x'.repeat(257 * 1024) });
    const res = await api.raw('/api/v1/tickets', { method: 'POST', csrf: true, body });
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toMatch(PROBLEM_JSON);
    expect(await res.json()).toMatchObject({ status: 413, errors: [{ field: 'body' }] });
    expect(await countRows(desk.db, 'tickets')).toBe(before);
  });

  it('stores HTML and script as text and returns the same string as JSON', async () => {
    const agent = await deskAgent();
    const requester = await signedIn(desk);
    const subject = '<script>alert("subject")</script>';
    const description = '<img src=x onerror="alert(1)"> & <b>bold</b> \'quotes\' </textarea>';
    const t = await createTicket(requester.api, { subject, description });
    expect(t).toMatchObject({ subject, description });

    const res = await requester.api.raw(`/api/v1/tickets/${t.id}`);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toMatchObject({ subject, description });

    const reply = '<a href="javascript:alert(2)">click</a><style>body{display:none}</style>';
    await agent.api.comment(t.id, { body: reply, visibility: 'public' });
    const events = await requester.api.ticketEvents(t.id);
    expect(events.items.find((e) => e.type === 'public_reply')?.body).toBe(reply);
    const stored = await desk.db.selectFrom('tickets').select(['subject', 'description']).where('id', '=', t.id).executeTakeFirstOrThrow();
    expect(stored).toEqual({ subject, description });
  });

  it('answers every kind of error as application/problem+json with a matching status', async () => {
    const agent = await deskAgent();
    const requester = await signedIn(desk);
    const t = await createTicket(agent.api);
    const other = await createTicket(agent.api);
    const stale = await agent.api.updateTicket(other.id, { subject: 'bump the version' });
    const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
      agent.api.raw(path, { method: 'POST', csrf: true, body: typeof body === 'string' ? body : JSON.stringify(body), headers });

    const cases: [string, Promise<Response>, number][] = [
      ['validation', post('/api/v1/tickets', { type: 'incident' }), 400],
      ['invalid JSON', post('/api/v1/tickets', '{"type": '), 400],
      ['unsupported media type', post('/api/v1/tickets', '<ticket/>', { 'content-type': 'application/xml' }), 415],
      ['text instead of JSON', post('/api/v1/tickets', 'subject=x', { 'content-type': 'text/plain' }), 415],
      ['signed out', desk.fetch(`${desk.baseUrl}/api/v1/tickets`), 401],
      ['missing CSRF token', agent.api.raw('/api/v1/tickets', { method: 'POST', body: JSON.stringify(ticketInput()) }), 403],
      ['forbidden act', requester.api.raw(`/api/v1/tickets/${t.id}`, { method: 'PATCH', csrf: true, body: '{"subject":"x"}' }), 404],
      ['policy 403', requester.api.raw('/api/v1/people'), 403],
      ['unknown ticket', agent.api.raw('/api/v1/tickets/424242'), 404],
      ['unknown route', agent.api.raw('/api/v1/nothing-here'), 404],
      ['bad ticket reference', agent.api.raw('/api/v1/tickets/not-a-ticket'), 400],
      ['state machine', post(`/api/v1/tickets/${t.id}/resolve`, { symptom: 'a', cause: 'b', resolution: 'c', category: 'd' }), 409],
      ['stale version', post(`/api/v1/tickets/${other.id}/comments`, { body: 'x' }, { 'if-match': `"${stale.version - 1}"` }), 412],
      ['malformed If-Match', post(`/api/v1/tickets/${other.id}/comments`, { body: 'x' }, { 'if-match': 'yesterday' }), 400],
      ['unprocessable', post(`/api/v1/tickets/${t.id}/assign`, { groupId: 987654 }), 422],
    ];
    for (const [name, call, status] of cases) {
      const res = await call;
      expect.soft(res.status, name).toBe(status);
      expect.soft(res.headers.get('content-type'), name).toMatch(PROBLEM_JSON);
      const body = (await res.json()) as { status: number; title: string; type: string };
      expect.soft(body.status, name).toBe(status);
      expect.soft(typeof body.title, name).toBe('string');
      expect.soft(typeof body.type, name).toBe('string');
    }
  });
});
