import { expect, it } from 'vitest';
import { describeEachDialect } from './support/dialects.js';
import { storedEvents } from './support/db.js';
import { agentAndRequester, signedIn } from './support/people.js';
import { useTestDesk } from './support/test-desk.js';
import { RESOLUTION, acknowledge, createTicket, expectProblem, inMinutes } from './support/tickets.js';

describeEachDialect('status lifecycle', (dialect) => {
  const desk = useTestDesk(dialect);
  const agent = () => signedIn(desk, { role: 'agent', groupNames: ['Service Desk'] });

  it('acknowledging records the restatement and the promised next update', async () => {
    const { api } = await agent();
    const t = await createTicket(api);
    const promise = inMinutes(90);
    const acked = await api.acknowledge(t.id, { restatement: 'VPN times out from home since 8:00', nextUpdateAt: promise }, t.version);
    expect(acked).toMatchObject({ status: 'acknowledged', restatement: 'VPN times out from home since 8:00', version: t.version + 1 });
    expect(Date.parse(acked.nextUpdateAt!)).toBe(Date.parse(promise));
    expect(acked.acknowledgedAt).not.toBeNull();
  });

  it('refuses to acknowledge without a restatement (400) or with a promise in the past (422)', async () => {
    const { api } = await agent();
    const t = await createTicket(api);
    const missing = await expectProblem(api.request('POST', `/api/v1/tickets/${t.id}/acknowledge`, { nextUpdateAt: inMinutes(60) }), 400);
    expect(missing.errors?.map((e) => e.field)).toContain('body.restatement');
    const blank = await expectProblem(api.acknowledge(t.id, { restatement: '  ', nextUpdateAt: inMinutes(60) }), 400);
    expect(blank.errors?.map((e) => e.field)).toContain('body.restatement');
    const noPromise = await expectProblem(api.request('POST', `/api/v1/tickets/${t.id}/acknowledge`, { restatement: 'ok' }), 400);
    expect(noPromise.errors?.map((e) => e.field)).toContain('body.nextUpdateAt');
    const past = await expectProblem(api.acknowledge(t.id, { restatement: 'ok', nextUpdateAt: inMinutes(-5) }), 422);
    expect(past.errors?.[0]?.field).toBe('nextUpdateAt');
    const after = await api.getTicket(t.id);
    expect(after).toMatchObject({ status: 'new', version: t.version, restatement: null, nextUpdateAt: null });
  });

  it('walks new → acknowledged → in_progress → pending(user) → in_progress → restored → resolved → closed', async () => {
    const { agent: a, requester: r } = await agentAndRequester(desk);
    let t = await createTicket(r.api);
    t = await acknowledge(a.api, t);
    t = await a.api.start(t.id, t.version);
    expect(t.status).toBe('in_progress');
    t = await a.api.pend(t.id, { reason: 'user', note: 'Which VPN profile do you use?' }, t.version);
    expect(t).toMatchObject({ status: 'pending', pendingReason: 'user' });
    t = await a.api.start(t.id, t.version);
    expect(t).toMatchObject({ status: 'in_progress', pendingReason: null });

    t = await a.api.restore(t.id, { workaround: 'Use the web VPN portal for today' }, t.version);
    expect(t).toMatchObject({ status: 'restored', workaround: 'Use the web VPN portal for today', resolvedAt: null });
    const restoredAt = t.restoredAt;
    expect(restoredAt).not.toBeNull();

    await new Promise((r) => setTimeout(r, 5));
    t = await a.api.resolve(t.id, RESOLUTION, t.version);
    expect(t).toMatchObject({ status: 'resolved', ...RESOLUTION, restoredAt });
    expect(Date.parse(t.resolvedAt!)).toBeGreaterThan(Date.parse(restoredAt!));
    expect(t.autoCloseAt).not.toBeNull();

    t = await r.api.confirm(t.id, t.version);
    expect(t).toMatchObject({ status: 'closed', restoredAt, autoCloseAt: null });
    expect(t.closedAt).not.toBeNull();
    expect(t.confirmedAt).not.toBeNull();

    const moves = (await storedEvents(desk.db, t.id))
      .filter((e) => ['status_changed', 'acknowledged', 'confirmed'].includes(e.type))
      .map((e) => JSON.parse(e.data) as { from: string; to: string })
      .map((d) => `${d.from}>${d.to}`);
    expect(moves).toEqual([
      'new>acknowledged', 'acknowledged>in_progress', 'in_progress>pending', 'pending>in_progress',
      'in_progress>restored', 'restored>resolved', 'resolved>closed',
    ]);
  });

  it('a requester’s reply to “waiting on you” puts the ticket back to work', async () => {
    const { agent: a, requester: r } = await agentAndRequester(desk);
    let t = await acknowledge(a.api, await createTicket(r.api));
    t = await a.api.pend(t.id, { reason: 'user' }, t.version);
    t = await r.api.comment(t.id, { body: 'I use the "Office" profile', visibility: 'public' });
    expect(t).toMatchObject({ status: 'in_progress', pendingReason: null });
  });

  it('skipping restored: resolving stops both clocks at once', async () => {
    const { api } = await agent();
    const acked = await acknowledge(api, await createTicket(api));
    const t = await api.resolve(acked.id, RESOLUTION, acked.version);
    expect(t.status).toBe('resolved');
    expect(t.restoredAt).not.toBeNull();
    expect(t.restoredAt).toBe(t.resolvedAt);
  });

  it('refuses a move the state machine does not allow with 409, the allowed states, and no change', async () => {
    const { api } = await agent();
    const t = await createTicket(api);
    const eventsBefore = await storedEvents(desk.db, t.id);
    const problem = await expectProblem(api.resolve(t.id, RESOLUTION, t.version), 409);
    expect(problem.allowed).toEqual(['acknowledged']);
    expect((await expectProblem(api.restore(t.id, { workaround: 'x' }), 409)).allowed).toEqual(['acknowledged']);
    expect((await expectProblem(api.start(t.id), 409)).allowed).toEqual(['acknowledged']);
    const after = await api.getTicket(t.id);
    expect(after).toMatchObject({ status: 'new', version: t.version, resolvedAt: null, restoredAt: null, symptom: null });
    expect(await storedEvents(desk.db, t.id)).toEqual(eventsBefore);

    const acked = await acknowledge(api, after);
    const again = await expectProblem(api.acknowledge(acked.id, { restatement: 'again', nextUpdateAt: inMinutes(30) }), 409);
    expect(again.allowed).toEqual(['in_progress', 'pending', 'restored', 'resolved']);
    expect((await api.getTicket(t.id)).version).toBe(acked.version);
  });

  it('requires symptom, cause, resolution and category to resolve (400 naming the field)', async () => {
    const { api } = await agent();
    const t = await acknowledge(api, await createTicket(api));
    for (const field of ['symptom', 'cause', 'resolution', 'category'] as const) {
      const body: Record<string, string> = { ...RESOLUTION };
      delete body[field];
      const problem = await expectProblem(api.request('POST', `/api/v1/tickets/${t.id}/resolve`, body), 400);
      expect(problem.errors?.map((e) => e.field)).toEqual([`body.${field}`]);
      expect(problem.detail).toContain(field);
      const blank = await expectProblem(api.resolve(t.id, { ...RESOLUTION, [field]: ' ' }), 400);
      expect(blank.errors?.map((e) => e.field)).toEqual([`body.${field}`]);
    }
    expect(await api.getTicket(t.id)).toMatchObject({ status: 'acknowledged', version: t.version, resolvedAt: null });
  });

  it('a requester cannot work the ticket: acknowledge, restore and resolve answer 403', async () => {
    const { agent: a, requester: r } = await agentAndRequester(desk);
    const t = await createTicket(r.api);
    await expectProblem(r.api.acknowledge(t.id, { restatement: 'mine', nextUpdateAt: inMinutes(30) }), 403);
    const acked = await acknowledge(a.api, t);
    await expectProblem(r.api.restore(t.id, { workaround: 'reboot' }), 403);
    await expectProblem(r.api.resolve(t.id, RESOLUTION), 403);
    expect((await a.api.getTicket(t.id)).version).toBe(acked.version);
  });
});
