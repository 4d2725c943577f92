import { expect, it } from 'vitest';
import { findGroupByName } from '../src/modules/identity/index.js';
import { describeEachDialect } from './support/dialects.js';
import { countRows } from './support/db.js';
import { signedIn } from './support/people.js';
import { useTestDesk } from './support/test-desk.js';
import { acknowledge, createTicket, expectProblem, ticketInput } from './support/tickets.js';

describeEachDialect('what a requester may see and do', (dialect) => {
  const desk = useTestDesk(dialect);
  const deskAgent = () => signedIn(desk, { role: 'agent', groupNames: ['Service Desk'] });

  it('lists only their own tickets, even when asking for someone else’s', async () => {
    const alice = await signedIn(desk);
    const bob = await signedIn(desk);
    const mine = [await createTicket(alice.api), await createTicket(alice.api)];
    const his = await createTicket(bob.api);

    const list = await alice.api.listTickets({ status: 'new,acknowledged,in_progress,pending,restored,resolved,closed' });
    expect(list.items.map((t) => t.id).sort()).toEqual(mine.map((t) => t.id).sort());
    expect(list.items.every((t) => t.requesterId === alice.person.id)).toBe(true);
    expect((await alice.api.listTickets({ requesterId: bob.person.id })).items).toEqual([]);
    expect((await alice.api.listTickets({ q: his.number })).items).toEqual([]);
  });

  it('gets 404 for another requester’s ticket, exactly as for a ticket that does not exist', async () => {
    const alice = await signedIn(desk);
    const bob = await signedIn(desk);
    const his = await createTicket(bob.api);
    const probes: [string, string][] = [
      [`/api/v1/tickets/${his.id}`, '/api/v1/tickets/999999'],
      [`/api/v1/tickets/${his.number}`, '/api/v1/tickets/INC-999999'],
      [`/api/v1/tickets/${his.id}/events`, '/api/v1/tickets/999999/events'],
    ];
    for (const [hidden, absent] of probes) {
      const a = await alice.api.raw(hidden);
      const b = await alice.api.raw(absent);
      expect(a.status).toBe(404);
      expect(b.status).toBe(404);
      expect(a.headers.get('content-type')).toBe(b.headers.get('content-type'));
      expect(await a.json()).toEqual(await b.json());
    }
    const write = await alice.api.raw(`/api/v1/tickets/${his.id}/comments`, { method: 'POST', csrf: true, body: JSON.stringify({ body: 'hi' }) });
    const writeAbsent = await alice.api.raw('/api/v1/tickets/999999/comments', { method: 'POST', csrf: true, body: JSON.stringify({ body: 'hi' }) });
    expect(write.status).toBe(404);
    expect(await write.json()).toEqual(await writeAbsent.json());
    expect((await bob.api.ticketEvents(his.id)).items.map((e) => e.type)).toEqual(['created']);
  });

  it('never sees internal notes on their own ticket: not in the timeline, not through search', async () => {
    const agent = await deskAgent();
    const requester = await signedIn(desk);
    const t = await createTicket(requester.api);
    const secret = `quokkafirmware${requester.person.id}`;
    await agent.api.comment(t.id, { body: `Internal: suspect ${secret} regression`, visibility: 'internal' });
    await agent.api.comment(t.id, { body: 'We are looking into it', visibility: 'public' });
    await agent.api.assign(t.id, { assigneeId: agent.person.id });

    const seen = await requester.api.ticketEvents(t.id);
    expect(seen.items.map((e) => e.type)).toEqual(['created', 'public_reply']);
    expect(seen.items.every((e) => e.visibility === 'public')).toBe(true);
    expect(JSON.stringify(seen)).not.toContain(secret);

    const staffView = await agent.api.ticketEvents(t.id);
    expect(staffView.items.map((e) => e.type)).toEqual(['created', 'internal_note', 'public_reply', 'assigned', 'accepted']);

    expect((await requester.api.listTickets({ q: secret })).items).toEqual([]);
    expect((await agent.api.listTickets({ q: secret })).items.map((i) => i.id)).toEqual([t.id]);
  });

  it('cannot write internal notes (403) and nothing is added', async () => {
    const requester = await signedIn(desk);
    const t = await createTicket(requester.api);
    await expectProblem(requester.api.comment(t.id, { body: 'psst', visibility: 'internal' }), 403);
    expect((await requester.api.ticketEvents(t.id)).items.map((e) => e.type)).toEqual(['created']);
  });

  it('cannot edit their ticket with PATCH (403)', async () => {
    const requester = await signedIn(desk);
    const t = await createTicket(requester.api);
    await expectProblem(requester.api.updateTicket(t.id, { subject: 'Changed by requester' }), 403);
    await expectProblem(requester.api.updateTicket(t.id, { category: 'Security' }), 403);
    expect(await requester.api.getTicket(t.id)).toMatchObject({ subject: t.subject, category: null, version: t.version });
  });

  it('cannot open tickets for someone else or pick the owning group (403, nothing created)', async () => {
    const requester = await signedIn(desk);
    const victim = await signedIn(desk);
    const security = (await findGroupByName(desk.db, 'Security'))!.id;
    const before = await countRows(desk.db, 'tickets');
    await expectProblem(requester.api.createTicket(ticketInput({ requesterId: victim.person.id })), 403);
    await expectProblem(requester.api.createTicket(ticketInput({ groupId: security })), 403);
    expect(await countRows(desk.db, 'tickets')).toBe(before);
    expect((await victim.api.listTickets()).items).toEqual([]);
    // Naming yourself is allowed: it is what happens anyway.
    expect((await requester.api.createTicket(ticketInput({ requesterId: requester.person.id }))).requesterId).toBe(requester.person.id);
  });

  it('cannot look people or groups up, nor read desk settings (403)', async () => {
    const requester = await signedIn(desk);
    await expectProblem(requester.api.people({}), 403);
    await expectProblem(requester.api.groups(), 403);
    await expectProblem(requester.api.settings(), 403);
  });

  it('is offered only the actions they may take on their ticket', async () => {
    const agent = await deskAgent();
    const requester = await signedIn(desk);
    const t = await createTicket(requester.api);
    expect((await requester.api.getTicket(t.id)).abilities.sort()).toEqual(['reply', 'view']);
    const acked = await acknowledge(agent.api, t);
    expect(acked.abilities).toEqual(expect.arrayContaining(['start', 'restore', 'resolve', 'note', 'assign']));
  });
});
