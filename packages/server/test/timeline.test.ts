import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachDialect } from './support/dialects.js';
import { countRows, storedEvents } from './support/db.js';
import { agentAndRequester, signedIn } from './support/people.js';
import { useTestDesk, type TestDesk } from './support/test-desk.js';
import { RESOLUTION, acknowledge, createTicket, expectProblem, inMinutes } from './support/tickets.js';

/**
 * Makes the database refuse one kind of event for one ticket, so a use case fails
 * midway through its transaction, the way a crash or constraint would.
 */
async function refuseEvents(desk: TestDesk, ticketId: number, type: string): Promise<() => Promise<void>> {
  const name = `refuse_${type}_${ticketId}`;
  if (desk.dialect === 'postgres') {
    await sql.raw(`CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'injected failure'; END $$`).execute(desk.db);
    await sql.raw(`CREATE TRIGGER ${name} BEFORE INSERT ON ticket_events FOR EACH ROW
      WHEN (NEW.ticket_id = ${ticketId} AND NEW.type = '${type}') EXECUTE FUNCTION ${name}()`).execute(desk.db);
    return async () => {
      await sql.raw(`DROP TRIGGER ${name} ON ticket_events`).execute(desk.db);
      await sql.raw(`DROP FUNCTION ${name}()`).execute(desk.db);
    };
  }
  await sql.raw(`CREATE TRIGGER ${name} BEFORE INSERT ON ticket_events
    WHEN NEW.ticket_id = ${ticketId} AND NEW.type = '${type}'
    BEGIN SELECT RAISE(ABORT, 'injected failure'); END`).execute(desk.db);
  return async () => void (await sql.raw(`DROP TRIGGER ${name}`).execute(desk.db));
}

describeEachDialect('the timeline', (dialect) => {
  const desk = useTestDesk(dialect);

  it('records every action with its actor, at the moment of the change', async () => {
    const { agent, requester } = await agentAndRequester(desk);
    const started = Date.now();
    let t = await createTicket(requester.api);
    const checkLast = async (type: string, actorId: number | null) => {
      const events = (await agent.api.ticketEvents(t.id)).items;
      const last = events.at(-1)!;
      expect(last.type).toBe(type);
      expect(last.actor?.id ?? null).toBe(actorId);
      // Same transaction, same clock reading: the event time is the ticket's update time.
      expect(last.createdAt).toBe(t.updatedAt);
      expect(Date.parse(last.createdAt)).toBeGreaterThanOrEqual(started);
    };
    await checkLast('created', requester.person.id);
    t = await acknowledge(agent.api, t);
    await checkLast('acknowledged', agent.person.id);
    t = await agent.api.assign(t.id, { assigneeId: agent.person.id }, t.version);
    await checkLast('accepted', agent.person.id);
    t = await agent.api.comment(t.id, { body: 'Looking at the certificate', visibility: 'internal' }, t.version);
    await checkLast('internal_note', agent.person.id);
    t = await agent.api.comment(t.id, { body: 'Renewing it now', visibility: 'public', nextUpdateAt: inMinutes(45) }, t.version);
    await checkLast('public_reply', agent.person.id);
    t = await agent.api.updateTicket(t.id, { category: 'Network' }, t.version);
    await checkLast('field_changed', agent.person.id);
    t = await agent.api.restore(t.id, { workaround: 'Web VPN' }, t.version);
    await checkLast('status_changed', agent.person.id);
    t = await agent.api.resolve(t.id, RESOLUTION, t.version);
    await checkLast('status_changed', agent.person.id);
    t = await requester.api.confirm(t.id, t.version);
    await checkLast('confirmed', requester.person.id);
    t = await requester.api.reopen(t.id, { reason: 'Broken again' }, t.version);
    await checkLast('reopened', requester.person.id);

    const events = (await agent.api.ticketEvents(t.id)).items;
    expect(events.map((e) => e.type)).toEqual([
      'created', 'acknowledged', 'assigned', 'accepted', 'internal_note', 'public_reply',
      'field_changed', 'status_changed', 'status_changed', 'confirmed', 'reopened',
    ]);
    expect(events.map((e) => e.id)).toEqual([...events.map((e) => e.id)].sort((x, y) => x - y));
    expect(events.find((e) => e.type === 'public_reply')!.data).toEqual({ nextUpdateAt: expect.any(String) });
  });

  it('records field changes with before and after', async () => {
    const { api } = await signedIn(desk, { role: 'agent', groupNames: ['Service Desk'] });
    const t = await createTicket(api, { subject: 'Old subject' });
    await api.updateTicket(t.id, { subject: 'New subject', category: 'Printing' }, t.version);
    const changes = (await api.ticketEvents(t.id)).items.filter((e) => e.type === 'field_changed');
    expect(changes.map((e) => e.data)).toEqual([
      { field: 'subject', before: 'Old subject', after: 'New subject' },
      { field: 'category', before: null, after: 'Printing' },
    ]);
    expect(changes.map((e) => e.visibility)).toEqual(['public', 'internal']);
    // Setting a field to what it already is changes nothing and records nothing.
    const same = await api.updateTicket(t.id, { subject: 'New subject' });
    expect(same.version).toBe(t.version + 1);
    expect((await storedEvents(desk.db, t.id)).filter((e) => e.type === 'field_changed')).toHaveLength(2);
  });

  it('a refused action writes no event', async () => {
    const { api } = await signedIn(desk, { role: 'agent', groupNames: ['Service Desk'] });
    const t = await createTicket(api);
    const before = await storedEvents(desk.db, t.id);
    await expectProblem(api.resolve(t.id, RESOLUTION), 409);
    await expectProblem(api.updateTicket(t.id, { subject: 'stale' }, t.version + 7), 412);
    await expectProblem(api.acknowledge(t.id, { restatement: 'x', nextUpdateAt: inMinutes(-1) }), 422);
    expect(await storedEvents(desk.db, t.id)).toEqual(before);
  });

  it('an action that fails midway leaves neither the change nor its first event behind', async () => {
    const { api, person } = await signedIn(desk, { role: 'agent', groupNames: ['Service Desk'] });
    const t = await createTicket(api);
    const eventsBefore = await countRows(desk.db, 'ticket_events');
    // Self-assignment writes "assigned", then "accepted": refuse the second.
    const restore = await refuseEvents(desk, t.id, 'accepted');
    try {
      const res = await api.raw(`/api/v1/tickets/${t.id}/assign`, { method: 'POST', csrf: true, body: JSON.stringify({ assigneeId: person.id }) });
      expect(res.status).toBe(500);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      const body = await res.text();
      expect(body).not.toContain('injected failure');
    } finally {
      await restore();
    }
    expect(await api.getTicket(t.id)).toMatchObject({ assigneeId: null, acceptedAt: null, version: t.version });
    expect(await countRows(desk.db, 'ticket_events')).toBe(eventsBefore);
    expect((await api.assign(t.id, { assigneeId: person.id }, t.version)).acceptedBy?.id).toBe(person.id);
  });

  it('a create that fails at its event leaves no ticket; only PostgreSQL skips its number (decision 0014)', async () => {
    const { api } = await signedIn(desk, { role: 'agent', groupNames: ['Service Desk'] });
    const last = await createTicket(api);
    const nextId = last.id + 1;
    const restore = await refuseEvents(desk, nextId, 'created');
    const ticketsBefore = await countRows(desk.db, 'tickets');
    try {
      const res = await api.raw('/api/v1/tickets', { method: 'POST', csrf: true, body: JSON.stringify({ type: 'incident', subject: 'x', description: 'y', impact: 3, urgency: 3 }) });
      expect(res.status).toBe(500);
    } finally {
      await restore();
    }
    expect(await countRows(desk.db, 'tickets')).toBe(ticketsBefore);
    const next = await createTicket(api);
    const gap = dialect === 'postgres' ? 2 : 1;
    expect(Number(next.number.slice(4))).toBe(Number(last.number.slice(4)) + gap);
  });
});
