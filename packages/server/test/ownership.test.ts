import { expect, it } from 'vitest';
import { findGroupByName } from '../src/modules/identity/index.js';
import { describeEachDialect } from './support/dialects.js';
import { storedEvents } from './support/db.js';
import { createPerson, signedIn } from './support/people.js';
import { useTestDesk } from './support/test-desk.js';
import { createTicket, expectProblem } from './support/tickets.js';

describeEachDialect('ownership: groups, assignees and acceptance', (dialect) => {
  const desk = useTestDesk(dialect);
  const groupId = async (name: string) => (await findGroupByName(desk.db, name))!.id;
  const deskAgent = () => signedIn(desk, { role: 'agent', groupNames: ['Service Desk'] });

  it('hands a ticket to another group; nobody is assigned and nobody has accepted', async () => {
    const { api, person } = await deskAgent();
    const network = await groupId('Network');
    const t = await createTicket(api);
    const moved = await api.assign(t.id, { groupId: network, note: 'Looks like a VPN concentrator issue' }, t.version);
    expect(moved).toMatchObject({ groupId: network, group: { name: 'Network', tier: 2 }, assigneeId: null, acceptedAt: null, acceptedBy: null });
    const assigned = (await api.ticketEvents(t.id)).items.find((e) => e.type === 'assigned');
    expect(assigned).toMatchObject({
      actor: { id: person.id },
      visibility: 'internal',
      body: 'Looks like a VPN concentrator issue',
      data: { fromGroupId: t.groupId, toGroupId: network, fromAssigneeId: null, toAssigneeId: null },
    });
  });

  it('assigns a person of the owning group; the ticket waits for their acceptance', async () => {
    const { api } = await deskAgent();
    const engineer = await signedIn(desk, { role: 'agent', groupNames: ['Network'] });
    const network = await groupId('Network');
    const t = await createTicket(api);
    const assigned = await api.assign(t.id, { groupId: network, assigneeId: engineer.person.id }, t.version);
    expect(assigned).toMatchObject({ assigneeId: engineer.person.id, assignee: { id: engineer.person.id, name: engineer.person.name }, acceptedAt: null, acceptedBy: null });
    expect(assigned.abilities).not.toContain('accept');
    expect((await engineer.api.getTicket(t.id)).abilities).toContain('accept');

    const accepted = await engineer.api.accept(t.id, assigned.version);
    expect(accepted.acceptedAt).not.toBeNull();
    expect(accepted.acceptedBy).toEqual({ id: engineer.person.id, name: engineer.person.name });
    const events = (await engineer.api.ticketEvents(t.id)).items.map((e) => [e.type, e.actor?.id]);
    expect(events).toEqual([['created', expect.any(Number)], ['assigned', expect.any(Number)], ['accepted', engineer.person.id]]);
  });

  it('refuses a person who is not in the owning group (422) and changes nothing', async () => {
    const { api } = await deskAgent();
    const outsider = await createPerson(desk, { role: 'agent', groupNames: ['Identity'] });
    const requester = await createPerson(desk);
    const t = await createTicket(api);
    const notMember = await expectProblem(api.assign(t.id, { assigneeId: outsider.id }), 422);
    expect(notMember.errors?.[0]?.field).toBe('assigneeId');
    const wrongGroup = await expectProblem(api.assign(t.id, { groupId: await groupId('Network'), assigneeId: outsider.id }), 422);
    expect(wrongGroup.errors?.[0]?.field).toBe('assigneeId');
    const notStaff = await expectProblem(api.assign(t.id, { assigneeId: requester.id }), 422);
    expect(notStaff.errors?.[0]?.field).toBe('assigneeId');
    await expectProblem(api.assign(t.id, { groupId: 999_999 }), 422);
    expect(await api.getTicket(t.id)).toMatchObject({ groupId: t.groupId, assigneeId: null, version: t.version });
    expect((await storedEvents(desk.db, t.id)).map((e) => e.type)).toEqual(['created']);
  });

  it('only the assignee may accept: another agent of the group gets 403', async () => {
    const { api } = await deskAgent();
    const chosen = await createPerson(desk, { role: 'agent', groupNames: ['Network'] });
    const colleague = await signedIn(desk, { role: 'agent', groupNames: ['Network'] });
    const t = await createTicket(api);
    const assigned = await api.assign(t.id, { groupId: await groupId('Network'), assigneeId: chosen.id });
    await expectProblem(colleague.api.accept(t.id), 403);
    await expectProblem(api.accept(t.id), 403);
    expect(await api.getTicket(t.id)).toMatchObject({ assigneeId: chosen.id, acceptedAt: null, version: assigned.version });
  });

  it('with nobody named, a member of the owning group may take it by accepting', async () => {
    const { api, person } = await deskAgent();
    const t = await createTicket(api);
    const taken = await api.accept(t.id, t.version);
    expect(taken).toMatchObject({ assigneeId: person.id, acceptedBy: { id: person.id } });
    await expectProblem(api.accept(t.id), 409);
  });

  it('self-assignment counts as accepted', async () => {
    const { api, person } = await deskAgent();
    const t = await createTicket(api);
    const mine = await api.assign(t.id, { assigneeId: person.id }, t.version);
    expect(mine).toMatchObject({ assigneeId: person.id, acceptedBy: { id: person.id, name: person.name } });
    expect(mine.acceptedAt).not.toBeNull();
    expect((await api.ticketEvents(t.id)).items.map((e) => e.type)).toEqual(['created', 'assigned', 'accepted']);
  });

  it('reassigning to someone else clears the acceptance until they accept', async () => {
    const { api, person } = await deskAgent();
    const next = await createPerson(desk, { role: 'agent', groupNames: ['Service Desk'] });
    const t = await createTicket(api);
    const mine = await api.assign(t.id, { assigneeId: person.id });
    const handed = await api.assign(t.id, { assigneeId: next.id }, mine.version);
    expect(handed).toMatchObject({ assigneeId: next.id, acceptedAt: null, acceptedBy: null });
  });

  it('lists tickets nobody has accepted with unaccepted=true, and only those', async () => {
    const { api, person } = await deskAgent();
    const category = `ownership-${person.id}`;
    const pending = await createTicket(api, { category });
    const assignee = await createPerson(desk, { role: 'agent', groupNames: ['Service Desk'] });
    await api.assign(pending.id, { assigneeId: assignee.id });
    const accepted = await createTicket(api, { category });
    await api.assign(accepted.id, { assigneeId: person.id });
    const untouched = await createTicket(api, { category });

    const unaccepted = await api.listTickets({ category, unaccepted: 'true' });
    expect(unaccepted.items.map((i) => i.id).sort()).toEqual([pending.id, untouched.id].sort());
    const owned = await api.listTickets({ category, unaccepted: 'false' });
    expect(owned.items.map((i) => i.id)).toEqual([accepted.id]);
  });

  it('a requester cannot assign or accept (403)', async () => {
    const requester = await signedIn(desk);
    const t = await createTicket(requester.api);
    await expectProblem(requester.api.assign(t.id, { groupId: await groupId('Security') }), 403);
    await expectProblem(requester.api.accept(t.id), 403);
    expect((await requester.api.getTicket(t.id)).version).toBe(t.version);
  });
});
