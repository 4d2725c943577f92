import type { ApiClient, TicketSummary } from '@deskside/shared';
import { expect, it } from 'vitest';
import { findGroupByName } from '../src/modules/identity/index.js';
import { describeEachDialect } from './support/dialects.js';
import { createPerson, signedIn } from './support/people.js';
import { useTestDesk } from './support/test-desk.js';
import { RESOLUTION, acknowledge, createTicket, expectProblem, inMinutes } from './support/tickets.js';

const ids = (items: TicketSummary[]) => items.map((t) => t.id);
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);

/** Every page of a query, following nextCursor. */
async function allPages(api: ApiClient, params: Record<string, string | number>) {
  const pages: TicketSummary[][] = [];
  let cursor: string | undefined;
  do {
    const page = await api.listTickets({ ...params, cursor });
    pages.push(page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && pages.length < 50);
  return pages;
}

describeEachDialect('the queue', (dialect) => {
  const desk = useTestDesk(dialect);
  const deskAgent = () => signedIn(desk, { role: 'agent', groupNames: ['Service Desk'] });
  let seq = 0;
  const uniqueCategory = () => `queue-${dialect}-${++seq}`;

  it('orders by priority first, whatever the order of arrival', async () => {
    const { api } = await deskAgent();
    const category = uniqueCategory();
    const p4 = await createTicket(api, { category, impact: 3, urgency: 3 });
    const p3 = await createTicket(api, { category, impact: 2, urgency: 2 });
    const p2 = await createTicket(api, { category, impact: 1, urgency: 2 });
    const p1 = await createTicket(api, { category, impact: 1, urgency: 1 });
    const page = await api.listTickets({ category });
    expect(page.items.map((t) => t.priority)).toEqual(['P1', 'P2', 'P3', 'P4']);
    expect(ids(page.items)).toEqual([p1.id, p2.id, p3.id, p4.id]);
    expect(page.nextCursor).toBeNull();
  });

  it('within a priority, the oldest promise comes first, not the oldest ticket', async () => {
    const { api } = await deskAgent();
    const category = uniqueCategory();
    const older = await createTicket(api, { category, impact: 2, urgency: 2 });
    const newer = await createTicket(api, { category, impact: 2, urgency: 2 });
    await api.acknowledge(older.id, { restatement: 'later promise', nextUpdateAt: inMinutes(240) });
    await api.acknowledge(newer.id, { restatement: 'sooner promise', nextUpdateAt: inMinutes(20) });
    const page = await api.listTickets({ category });
    expect(ids(page.items)).toEqual([newer.id, older.id]);
    expect(Date.parse(page.items[0]!.dueAt!)).toBeLessThan(Date.parse(page.items[1]!.dueAt!));
  });

  it('keyset pagination with limit 2 returns every ticket exactly once, in queue order', async () => {
    const { api } = await deskAgent();
    const category = uniqueCategory();
    const levels = [[3, 3], [1, 1], [2, 2], [1, 2], [2, 3], [3, 1], [2, 2]] as const;
    const created = [];
    for (const [impact, urgency] of levels) created.push(await createTicket(api, { category, impact, urgency }));
    const pages = await allPages(api, { category, limit: 2 });
    expect(pages.map((p) => p.length)).toEqual([2, 2, 2, 1]);
    const walked = pages.flat();
    expect(new Set(ids(walked)).size).toBe(created.length);
    expect(sorted(ids(walked))).toEqual(sorted(ids(created as unknown as TicketSummary[])));
    expect(ids(walked)).toEqual(ids((await api.listTickets({ category, limit: 100 })).items));
  });

  it('leaves resolved and closed tickets out by default; status asks for them', async () => {
    const { api } = await deskAgent();
    const category = uniqueCategory();
    const open = await createTicket(api, { category });
    const acked = await acknowledge(api, await createTicket(api, { category }));
    const done = await api.resolve(acked.id, { ...RESOLUTION, category });
    expect(ids((await api.listTickets({ category })).items)).toEqual([open.id]);
    expect(ids((await api.listTickets({ category, status: 'resolved' })).items)).toEqual([done.id]);
    expect(sorted(ids((await api.listTickets({ category, status: 'new,resolved' })).items))).toEqual(sorted([open.id, done.id]));
  });

  it('filters by status, group, assignee, priority, type, requester and acceptance', async () => {
    const me = await deskAgent();
    const api = me.api;
    const category = uniqueCategory();
    const network = (await findGroupByName(desk.db, 'Network'))!.id;
    const engineer = await createPerson(desk, { role: 'agent', groupNames: ['Network'] });
    const caller = await createPerson(desk);

    const plain = await createTicket(api, { category, impact: 3, urgency: 3 });
    const urgent = await createTicket(api, { category, impact: 1, urgency: 1 });
    const p3 = { category, impact: 2, urgency: 2 } as const;
    const request = await createTicket(api, { ...p3, type: 'service_request', requesterId: caller.id });
    const acked = await acknowledge(api, await createTicket(api, p3));
    const mine = await createTicket(api, p3);
    await api.assign(mine.id, { assigneeId: me.person.id });
    const handed = await createTicket(api, p3);
    await api.assign(handed.id, { groupId: network, assigneeId: engineer.id });
    const all = [plain, urgent, request, acked, mine, handed].map((t) => t.id);

    const q = async (params: Record<string, string | number>) => sorted(ids((await api.listTickets({ category, ...params })).items));
    expect(await q({})).toEqual(sorted(all));
    expect(await q({ status: 'acknowledged' })).toEqual([acked.id]);
    expect(await q({ status: 'new' })).toEqual(sorted(all.filter((id) => id !== acked.id)));
    expect(await q({ groupId: network })).toEqual([handed.id]);
    expect(await q({ assigneeId: 'me' })).toEqual([mine.id]);
    expect(await q({ assigneeId: engineer.id })).toEqual([handed.id]);
    expect(await q({ assigneeId: 'none' })).toEqual(sorted([plain.id, urgent.id, request.id, acked.id]));
    expect(await q({ priority: 'P1' })).toEqual([urgent.id]);
    expect(await q({ priority: 'P1,P4' })).toEqual(sorted([plain.id, urgent.id]));
    expect(await q({ type: 'service_request' })).toEqual([request.id]);
    expect(await q({ requesterId: caller.id })).toEqual([request.id]);
    expect(await q({ unaccepted: 'true' })).toEqual(sorted(all.filter((id) => id !== mine.id)));
    expect(await q({ unaccepted: 'false' })).toEqual([mine.id]);
    expect(await q({ groupId: network, assigneeId: 'none' })).toEqual([]);
    expect(request.number).toMatch(/^REQ-\d{6}$/);
  });

  it('searches subject, description and replies; a word only in a reply finds the ticket', async () => {
    const { api } = await deskAgent();
    const tag = `${dialect}${seq++}`;
    const bySubject = await createTicket(api, { subject: `Plotter jammed ${tag}subj` });
    const byDescription = await createTicket(api, { description: `The ${tag}desc scanner shows error E42` });
    const byReply = await createTicket(api, { subject: 'Cannot print', description: 'Nothing comes out' });
    await api.comment(byReply.id, { body: `Please try the ${tag}reply driver`, visibility: 'public' });
    await createTicket(api, { subject: 'Unrelated ticket' }); // must not match any search below

    expect(ids((await api.listTickets({ q: `${tag}subj` })).items)).toEqual([bySubject.id]);
    expect(ids((await api.listTickets({ q: `${tag}desc` })).items)).toEqual([byDescription.id]);
    expect(ids((await api.listTickets({ q: `${tag}reply` })).items)).toEqual([byReply.id]);
    expect(ids((await api.listTickets({ q: `${tag}reply`, status: 'resolved' })).items)).toEqual([]);
    expect(ids((await api.listTickets({ q: 'zzqxnotawordanywhere' })).items)).toEqual([]);
    // What a person types is never query syntax: quotes and operators are just punctuation.
    expect(ids((await api.listTickets({ q: `"${tag}subj" * (` })).items)).toEqual([bySubject.id]);
  });

  it('finds the parts of numbers, paths and e-mail addresses alike in both dialects', async () => {
    const { api } = await deskAgent();
    const tag = `${dialect}${seq++}`;
    const t = await createTicket(api, { subject: `Share on Files${tag}/Finance${tag} is read-only`, description: `Reported by anna.${tag}@corp.example on v2.${tag}` });
    expect(ids((await api.listTickets({ q: t.number })).items)).toEqual([t.id]);
    expect(ids((await api.listTickets({ q: t.number.slice(4) })).items)).toEqual([t.id]);
    expect(ids((await api.listTickets({ q: `Finance${tag}` })).items)).toEqual([t.id]);
    expect(ids((await api.listTickets({ q: `anna ${tag}` })).items)).toEqual([t.id]);
    expect(ids((await api.listTickets({ q: `files${tag}/finance${tag}` })).items)).toEqual([t.id]);
  });

  it('pages through search results without repeats', async () => {
    const { api } = await deskAgent();
    const word = `pagedsearch${dialect}${seq++}`;
    const created = [];
    for (let i = 0; i < 5; i++) created.push(await createTicket(api, { subject: `Item ${i} ${word}` }));
    const pages = await allPages(api, { q: word, limit: 2 });
    const walked = ids(pages.flat());
    expect(new Set(walked).size).toBe(5);
    expect(sorted(walked)).toEqual(sorted(created.map((t) => t.id)));
  });

  it('refuses a cursor it did not issue (422) and bad paging parameters (400)', async () => {
    const { api } = await deskAgent();
    for (const cursor of ['garbage', Buffer.from('q:1:2').toString('base64url'), Buffer.from('x:1:2:3').toString('base64url')]) {
      const problem = await expectProblem(api.listTickets({ cursor }), 422);
      expect(problem.errors?.[0]?.field).toBe('cursor');
    }
    const searchCursor = Buffer.from('s:10').toString('base64url');
    await expectProblem(api.listTickets({ cursor: searchCursor }), 422);
    expect((await expectProblem(api.listTickets({ cursor: 'x'.repeat(201) }), 400)).errors?.[0]?.field).toBe('query.cursor');
    expect((await expectProblem(api.listTickets({ limit: 0 }), 400)).errors?.[0]?.field).toBe('query.limit');
    expect((await expectProblem(api.listTickets({ limit: 101 }), 400)).errors?.[0]?.field).toBe('query.limit');
    expect((await expectProblem(api.listTickets({ status: 'open' }), 400)).errors?.[0]?.field).toMatch(/^query\.status/);
  });
});
