import type { ApiClient, SlaPolicyTargets } from '@deskside/shared';
import { expect, it } from 'vitest';
import { findGroupByName } from '../src/modules/identity/index.js';
import { describeEachDialect } from './support/dialects.js';
import { signedIn } from './support/people.js';
import { useTestDesk } from './support/test-desk.js';

const MINUTE = 60_000;
const T0 = Date.UTC(2026, 10, 30, 9);
const at = (minutes: number) => T0 + minutes * MINUTE;
const isoAt = (minutes: number) => new Date(at(minutes)).toISOString();
const P = { firstResponse: 60, nextUpdate: 120, restore: 240, resolve: 480 };
const TARGETS: SlaPolicyTargets = { P1: P, P2: P, P3: P, P4: P };
const STRICT: SlaPolicyTargets = { P1: { ...P, firstResponse: 5 }, P2: { ...P, firstResponse: 5 }, P3: { ...P, firstResponse: 5 }, P4: { ...P, firstResponse: 5 } };

describeEachDialect('SLA policy choice and the queue', (dialect) => {
  const desk = useTestDesk(dialect);
  let seq = 0;
  const unique = (what: string) => `${what}-${dialect}-${++seq}`;
  const setClock = (minutes: number) => {
    const ms = at(minutes);
    desk.ctx.now = () => ms;
  };

  async function admin(): Promise<ApiClient> {
    return (await signedIn(desk, { role: 'admin' })).api;
  }

  it('chooses the first policy by position whose conditions match, else the default', async () => {
    const api = await admin();
    const calendarId = (await api.calendars()).items.find((c) => c.alwaysOpen)!.id;
    const category = unique('network');
    const network = await desk.db.transaction().execute((tx) => findGroupByName(tx, 'Network'));
    const vip = await api.createSlaPolicy({ name: unique('VIP'), calendarId, targets: STRICT, position: 1, conditions: { categories: [category], vipOnly: true } });
    const requests = await api.createSlaPolicy({ name: unique('Requests'), calendarId, targets: TARGETS, position: 2, conditions: { categories: [category], types: ['service_request'] } });
    const grouped = await api.createSlaPolicy({ name: unique('Networkers'), calendarId, targets: TARGETS, position: 3, conditions: { categories: [category], requesterGroupIds: [network!.id] } });
    const { api: plain } = await signedIn(desk, { role: 'requester' });
    const { person: bossPerson, api: boss } = await signedIn(desk, { role: 'requester' });
    await desk.db.updateTable('users').set({ vip: 1 }).where('id', '=', bossPerson.id).execute();
    const { api: member } = await signedIn(desk, { role: 'requester', groupNames: ['Network'] });
    const { api: agent } = await signedIn(desk, { role: 'agent', groupNames: ['Service Desk'] });
    const policyOf = async (client: ApiClient, type: 'incident' | 'service_request', cat: string | undefined) => {
      const t = await client.createTicket({ type, subject: 'No network', description: 'Cable unplugged?', impact: 2, urgency: 2, ...(cat ? { category: cat } : {}) });
      return (await agent.getTicket(t.id)).sla?.policy.name;
    };
    expect(await policyOf(boss, 'service_request', category)).toBe(vip.name);
    expect(await policyOf(plain, 'service_request', category)).toBe(requests.name);
    expect(await policyOf(member, 'incident', category)).toBe(grouped.name);
    expect(await policyOf(plain, 'incident', category)).toBe('Standard');
    expect(await policyOf(boss, 'incident', undefined)).toBe('Standard');

    // Placed after the default in the order, a matching policy still wins: the default is the fallback.
    const late = unique('late');
    const after = await api.createSlaPolicy({ name: late, calendarId, targets: TARGETS, position: 9_000, conditions: { categories: [late] } });
    expect(await policyOf(plain, 'incident', late)).toBe(after.name);
  });

  it('within one priority, the queue follows time to breach; paused clocks sort after running ones', async () => {
    const api = await admin();
    const calendarId = (await api.calendars()).items.find((c) => c.alwaysOpen)!.id;
    const category = unique('queue');
    await api.createSlaPolicy({ name: category, calendarId, targets: TARGETS, position: 0, conditions: { categories: [category] } });
    const { api: agent } = await signedIn(desk, { role: 'agent', groupNames: ['Service Desk'] });
    const open = (minutes: number) => {
      setClock(minutes);
      return agent.createTicket({ type: 'incident', subject: `Ticket at ${minutes}`, description: 'x', impact: 2, urgency: 2, category });
    };
    // a: acknowledged at 5 with a promise far out: its update cadence is due at 125.
    const a = await open(0);
    setClock(5);
    await agent.acknowledge(a.id, { restatement: 'a', nextUpdateAt: isoAt(360) }, a.version);
    // b: waiting for its first response, due at 70.
    const b = await open(10);
    // c: every clock paused on the user; only its promise at 400 counts.
    const c = await open(20);
    setClock(21);
    const cAck = await agent.acknowledge(c.id, { restatement: 'c', nextUpdateAt: isoAt(400) }, c.version);
    const cStarted = await agent.start(c.id, cAck.version);
    await agent.pend(c.id, { reason: 'user' }, cStarted.version);
    // d: first response due at 90.
    const d = await open(30);
    // e: paused on the user with no promise at all: after every ticket that has a due time.
    const e = await open(40);
    setClock(41);
    const eAck = await agent.acknowledge(e.id, { restatement: 'e', nextUpdateAt: isoAt(50) }, e.version);
    const eStarted = await agent.start(e.id, eAck.version);
    await agent.comment(e.id, { body: 'Please send a photo', visibility: 'public' }, eStarted.version);
    const eNow = await agent.getTicket(e.id);
    await agent.pend(e.id, { reason: 'user' }, eNow.version);

    setClock(45);
    const page = await agent.listTickets({ category });
    expect(page.items.map((t) => t.id)).toEqual([b.id, d.id, a.id, c.id, e.id]);
    expect(page.items.map((t) => t.dueAt)).toEqual([isoAt(70), isoAt(90), isoAt(125), isoAt(400), null]);
    expect(page.items[0]!.slaStatus).toMatchObject({ target: 'firstResponse', state: 'running', dueAt: isoAt(70), remainingMs: 25 * MINUTE });
    expect(page.items[4]!.slaStatus).toMatchObject({ state: 'paused', dueAt: null });

    // Keyset pages walk the same order.
    const first = await agent.listTickets({ category, limit: 2 });
    const second = await agent.listTickets({ category, limit: 2, cursor: first.nextCursor! });
    const third = await agent.listTickets({ category, limit: 2, cursor: second.nextCursor! });
    expect([...first.items, ...second.items, ...third.items].map((t) => t.id)).toEqual([b.id, d.id, a.id, c.id, e.id]);

    // A policy change re-times its open tickets: a looser first response puts b and d behind a.
    const policy = (await api.slaPolicies()).items.find((p) => p.name === category)!;
    await api.updateSlaPolicy(policy.id, { targets: { ...TARGETS, P3: { ...P, firstResponse: 200 } } }, policy.version);
    const after = await agent.listTickets({ category });
    expect(after.items.map((t) => t.id)).toEqual([a.id, b.id, d.id, c.id, e.id]);
    expect(after.items.map((t) => t.dueAt)).toEqual([isoAt(125), isoAt(210), isoAt(230), isoAt(400), null]);
  });
});
