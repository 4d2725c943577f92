import type { ApiClient, SlaPolicyTargets, Ticket } from '@deskside/shared';
import { expect, it } from 'vitest';
import { describeEachDialect } from './support/dialects.js';
import { agentAndRequester, signedIn } from './support/people.js';
import { useTestDesk } from './support/test-desk.js';
import { RESOLUTION } from './support/tickets.js';

const MINUTE = 60_000;
// Monday 30 November 2026, 09:00 UTC. The tests' policy runs on the 24x7 calendar, so
// business time is wall-clock time and every figure below is plain arithmetic.
const T0 = Date.UTC(2026, 10, 30, 9);
const at = (minutes: number) => T0 + minutes * MINUTE;
const isoAt = (minutes: number) => new Date(at(minutes)).toISOString();
const P3 = { firstResponse: 60, nextUpdate: 120, restore: 240, resolve: 480 };
const TARGETS: SlaPolicyTargets = { P1: { firstResponse: 15, nextUpdate: 30, restore: 60, resolve: 120 }, P2: P3, P3, P4: P3 };

describeEachDialect('SLA clocks of a ticket', (dialect) => {
  const desk = useTestDesk(dialect);
  let seq = 0;
  let category = '';
  let clock = T0;
  const setClock = (minutes: number) => {
    clock = at(minutes);
    desk.ctx.now = () => clock;
  };

  /** A policy on 24x7 for a category of its own, so no other test's tickets or policies interfere. */
  async function policyForCategory(): Promise<string> {
    const { api: admin } = await signedIn(desk, { role: 'admin' });
    const calendar = (await admin.calendars()).items.find((c) => c.alwaysOpen)!;
    const name = `clock-${dialect}-${++seq}`;
    await admin.createSlaPolicy({ name, calendarId: calendar.id, targets: TARGETS, conditions: { categories: [name] }, position: 0 });
    return name;
  }

  async function openTicket(requester: ApiClient): Promise<Ticket> {
    setClock(0);
    return requester.createTicket({ type: 'incident', subject: 'Printer on fire', description: 'Smoke', impact: 2, urgency: 2, category });
  }

  it('runs after create, first response is met by the acknowledgement, pauses pending on the user and resumes on start', async () => {
    category = await policyForCategory();
    const { agent, requester } = await agentAndRequester(desk);
    const t = await openTicket(requester.api);
    setClock(10);
    let seen = await agent.api.getTicket(t.id);
    expect(seen.priority).toBe('P3');
    expect(seen.sla?.policy.name).toBe(category);
    expect(seen.sla?.firstResponse).toMatchObject({ state: 'running', elapsedMs: 10 * MINUTE, remainingMs: 50 * MINUTE, dueAt: isoAt(60), warned: false });
    expect(seen.sla?.restore).toMatchObject({ state: 'running', dueAt: isoAt(240) });
    expect(seen.sla?.nextUpdate.state).toBe('not_applicable');

    setClock(20);
    const acked = await agent.api.acknowledge(t.id, { restatement: 'The printer burns', nextUpdateAt: isoAt(80) }, t.version);
    expect(acked.sla?.firstResponse).toMatchObject({ state: 'met', stoppedAt: isoAt(20), elapsedMs: 20 * MINUTE, dueAt: null });
    expect(acked.sla?.nextUpdate).toMatchObject({ state: 'running', dueAt: isoAt(140) });

    setClock(30);
    const started = await agent.api.start(t.id, acked.version);
    setClock(40);
    await agent.api.pend(t.id, { reason: 'user', note: 'Which floor?' }, started.version);
    setClock(100);
    seen = await agent.api.getTicket(t.id);
    expect(seen.sla?.restore).toMatchObject({ state: 'paused', elapsedMs: 40 * MINUTE, remainingMs: 200 * MINUTE, dueAt: null });
    expect(seen.sla?.resolve).toMatchObject({ state: 'paused', elapsedMs: 40 * MINUTE });
    expect(seen.sla?.nextUpdate.state).toBe('paused');

    const resumed = await agent.api.start(t.id, seen.version);
    expect(resumed.sla?.restore).toMatchObject({ state: 'running', elapsedMs: 40 * MINUTE, dueAt: isoAt(300) });
    setClock(110);
    seen = await agent.api.getTicket(t.id);
    expect(seen.sla?.restore).toMatchObject({ state: 'running', elapsedMs: 50 * MINUTE, remainingMs: 190 * MINUTE, dueAt: isoAt(300) });
  });

  it('restore is met at the restore, resolve keeps running until the resolution', async () => {
    category = await policyForCategory();
    const { agent, requester } = await agentAndRequester(desk);
    const t = await openTicket(requester.api);
    setClock(5);
    const acked = await agent.api.acknowledge(t.id, { restatement: 'Printer burns', nextUpdateAt: isoAt(60) }, t.version);
    setClock(30);
    const restored = await agent.api.restore(t.id, { workaround: 'Use the printer on floor 2' }, acked.version);
    expect(restored.sla?.restore).toMatchObject({ state: 'met', stoppedAt: isoAt(30), elapsedMs: 30 * MINUTE, remainingMs: 210 * MINUTE });
    expect(restored.sla?.resolve).toMatchObject({ state: 'running', dueAt: isoAt(480) });
    setClock(500);
    const late = await agent.api.resolve(t.id, RESOLUTION, restored.version);
    expect(late.sla?.resolve).toMatchObject({ state: 'breached', breachedAt: isoAt(480), breachedByMs: 20 * MINUTE, stoppedAt: isoAt(500) });
    expect(late.sla?.restore.state).toBe('met');
  });

  it('a priority raised mid-ticket keeps the elapsed time and re-targets the running clocks', async () => {
    category = await policyForCategory();
    const { agent, requester } = await agentAndRequester(desk);
    const t = await openTicket(requester.api);
    setClock(5);
    const acked = await agent.api.acknowledge(t.id, { restatement: 'Printer burns', nextUpdateAt: isoAt(600) }, t.version);
    setClock(50);
    const raised = await agent.api.updateTicket(t.id, { priorityOverride: { priority: 'P1', reason: 'The whole floor is affected' } }, acked.version);
    expect(raised.priority).toBe('P1');
    expect(raised.sla?.priority).toBe('P1');
    // 50 minutes used of P1's 60-minute restore: 10 left, from the change on.
    expect(raised.sla?.restore).toMatchObject({ state: 'running', targetMs: 60 * MINUTE, elapsedMs: 50 * MINUTE, remainingMs: 10 * MINUTE, dueAt: isoAt(60), warned: true });
    // The first response was met under P3 and keeps the target it stopped under.
    expect(raised.sla?.firstResponse).toMatchObject({ state: 'met', targetMs: 60 * MINUTE });
    setClock(70);
    const seen = await agent.api.getTicket(t.id);
    expect(seen.sla?.restore).toMatchObject({ state: 'breached', breachedAt: isoAt(60), breachedByMs: 10 * MINUTE });
    expect(seen.slaStatus).toMatchObject({ breached: true });
  });

  it('requesters see no SLA internals; their due time is the promised update', async () => {
    category = await policyForCategory();
    const { agent, requester } = await agentAndRequester(desk);
    const t = await openTicket(requester.api);
    expect(t.sla).toBeNull();
    setClock(5);
    await agent.api.acknowledge(t.id, { restatement: 'Printer burns', nextUpdateAt: isoAt(45) }, t.version);
    setClock(10);
    const mine = await requester.api.getTicket(t.id);
    expect(mine.sla).toBeNull();
    expect(mine).toMatchObject({ slaStatus: null, nextUpdateAt: isoAt(45) });
    const page = await requester.api.listTickets({ category });
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({ slaStatus: null, dueAt: isoAt(45) });
    const desks = await agent.api.listTickets({ category });
    expect(desks.items[0]!.slaStatus).toMatchObject({ target: 'nextUpdate', state: 'running', breached: false, dueAt: isoAt(45 + 80) });
    expect(desks.items[0]!.dueAt).toBe(isoAt(45));
  });
});
