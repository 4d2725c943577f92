import type { SlaEscalation, SlaPolicyTargets, Ticket } from '@deskside/shared';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startJobEngine, type JobEngine } from '../src/jobs/index.js';
import { notifyJob } from '../src/modules/notifications/index.js';
import { checkTicketSla, slaCheckJob, sweepSlaTimers } from '../src/modules/tickets/index.js';
import { storedEvents } from './support/db.js';
import { describeEachDialect } from './support/dialects.js';
import { waitFor } from './support/jobs.js';
import { createPerson, signedIn, type SessionClient, type TestPerson } from './support/people.js';
import { useTestDesk } from './support/test-desk.js';
import { RESOLUTION } from './support/tickets.js';

const MINUTE = 60_000;
// Monday 30 November 2026, 09:00 UTC. The policies run on the 24x7 calendar, so business
// time is wall-clock time. The desk's clock only moves forward, an hour past each test's
// last instant, and never more than a few hours at a step: sessions idle out after eight.
const T0 = Date.UTC(2026, 10, 30, 9);
// P3 (impact 2, urgency 2): first response 60 min (warned at 45), restore 240 (warned at 180).
const P3 = { firstResponse: 60, nextUpdate: 120, restore: 240, resolve: 480 };
const TARGETS: SlaPolicyTargets = { P1: { firstResponse: 15, nextUpdate: 30, restore: 60, resolve: 120 }, P2: P3, P3, P4: P3 };
const SLA_EVENTS = ['sla_warning', 'sla_breached', 'went_silent'];

type Someone = { person: TestPerson; api: SessionClient };

describeEachDialect('SLA timers on the job engine', (dialect) => {
  const desk = useTestDesk(dialect);
  let clock = T0;
  let base = T0;
  let seq = 0;
  let engine: JobEngine | undefined;
  let admin: Someone;
  let agent: Someone;
  let requester: Someone;
  let lead: TestPerson;
  // The desk's clock jumps hours between two statements: a lease measured in it would expire
  // under a check still running at the jump, and the reaper would count that as a failure.
  const leaseMs = 24 * 60 * MINUTE;

  /** Moves the desk's clock to `minutes` after the current test's start. */
  const setClock = (minutes: number) => {
    const next = base + minutes * MINUTE;
    if (next < clock) throw new Error('the test clock only moves forward');
    clock = next;
  };
  const iso = (minutes: number) => new Date(base + minutes * MINUTE).toISOString();

  beforeAll(async () => {
    desk.ctx.now = () => clock;
    admin = await signedIn(desk, { role: 'admin' });
    agent = await signedIn(desk, { role: 'agent', groupNames: ['Service Desk'] });
    requester = await signedIn(desk, { role: 'requester' });
    lead = await createPerson(desk, { role: 'lead', groupNames: ['Service Desk'] });
    engine = startJobEngine(desk.ctx, { kinds: [slaCheckJob, notifyJob], pollMs: 50, leaseMs });
  });
  afterAll(async () => {
    await engine?.stop();
  });

  /** Waits until every check and notification due by the desk's clock has run, and none failed. */
  async function settle(): Promise<void> {
    await waitFor('due SLA checks and notifications to run', async () => {
      const busy = await desk.db
        .selectFrom('jobs')
        .select(['id', 'status', 'last_error'])
        .where('kind', 'in', [slaCheckJob.name, notifyJob.name])
        .where((eb) => eb.or([eb('status', '=', 'running'), eb.and([eb('status', '=', 'ready'), eb('run_at', '<=', clock)]), eb('last_error', 'is not', null)]))
        .execute();
      const failed = busy.find((j) => j.last_error !== null);
      if (failed) throw new Error(`job ${failed.id} failed: ${failed.last_error}`);
      return busy.length === 0;
    });
  }

  /** A fresh test start, a policy of its own on 24x7 (by category) and a P3 ticket on it, assigned to the agent. */
  async function openTicket(opts: { escalation?: SlaEscalation; assign?: boolean } = {}): Promise<Ticket> {
    base = clock + 60 * MINUTE;
    setClock(0);
    const calendar = (await admin.api.calendars()).items.find((c) => c.alwaysOpen)!;
    const category = `timers-${dialect}-${++seq}`;
    await admin.api.createSlaPolicy({
      name: category, calendarId: calendar.id, targets: TARGETS, conditions: { categories: [category] }, position: 0,
      ...(opts.escalation ? { escalation: opts.escalation } : {}),
    });
    const t = await requester.api.createTicket({ type: 'incident', subject: `Printer on fire ${seq}`, description: 'Smoke', impact: 2, urgency: 2, category });
    expect(t.priority).toBe('P3');
    if (opts.assign === false) return t;
    return agent.api.assign(t.id, { assigneeId: agent.person.id }, t.version);
  }

  const slaEvents = async (ticketId: number) => (await storedEvents(desk.db, ticketId)).filter((e) => SLA_EVENTS.includes(e.type));
  const notified = (ticketId: number, kind: string) =>
    desk.db.selectFrom('notifications').select(['person_id', 'title']).where('ticket_id', '=', ticketId).where('kind', '=', kind).orderBy('person_id').execute();

  it('warns at 75 % once: one internal event and one notification to the assignee, however often the check runs', async () => {
    const t = await openTicket();
    setClock(44);
    await settle();
    expect(await slaEvents(t.id)).toEqual([]);

    setClock(46);
    await settle();
    const [warning, ...rest] = await slaEvents(t.id);
    expect(rest).toEqual([]);
    expect(warning).toMatchObject({ type: 'sla_warning', visibility: 'internal', actor_id: null });
    expect(JSON.parse(warning!.data)).toEqual({ target: 'firstResponse', stage: 'warning', dueAt: iso(60), policy: expect.any(String), policyId: expect.any(Number) });
    await waitFor('the warning notification', async () => (await notified(t.id, 'sla.warning')).length > 0);
    expect(await notified(t.id, 'sla.warning')).toEqual([{ person_id: agent.person.id, title: `${t.number}: first response due soon` }]);

    // At least once: a retried job, or two at the same time, records nothing more.
    await Promise.all([checkTicketSla(desk.db, t.id, clock), checkTicketSla(desk.db, t.id, clock), checkTicketSla(desk.db, t.id, clock)]);
    await settle();
    expect(await slaEvents(t.id)).toHaveLength(1);
    expect(await notified(t.id, 'sla.warning')).toHaveLength(1);
    // The timeline names it for staff only.
    expect((await agent.api.ticketEvents(t.id)).items.some((e) => e.type === 'sla_warning')).toBe(true);
    expect((await requester.api.ticketEvents(t.id)).items.some((e) => e.type === 'sla_warning')).toBe(false);
  });

  it('a tightened policy warns at once for a ticket already past its new threshold, not at the old instant', async () => {
    const t = await openTicket();
    setClock(20);
    await settle();
    expect(await slaEvents(t.id)).toEqual([]);
    // First response 60 -> 24 min: the warning (75 %, 18 min) has passed, the breach (24) has not.
    const policy = (await admin.api.slaPolicies()).items.find((p) => p.name === `timers-${dialect}-${seq}`)!;
    const tighter = { ...P3, firstResponse: 24 };
    await admin.api.updateSlaPolicy(policy.id, { targets: { ...TARGETS, P2: tighter, P3: tighter, P4: tighter } }, policy.version);
    await settle();
    const events = await slaEvents(t.id);
    expect(events.map((e) => [e.type, JSON.parse(e.data).dueAt])).toEqual([['sla_warning', iso(24)]]);
  });

  it('records a breach, tells the owner and the group lead, raises the priority with the reason and moves to the next tier', async () => {
    const t = await openTicket({ escalation: { raisePriority: true, moveToNextTier: true } });
    setClock(61);
    await settle();
    const types = (await slaEvents(t.id)).map((e) => [e.type, JSON.parse(e.data).target]);
    // The check due at 45 runs late, at 61: the breach supersedes the warning, and nothing is lost.
    expect(types).toEqual([['sla_breached', 'firstResponse']]);
    await waitFor('the breach notifications', async () => (await notified(t.id, 'sla.breach')).length >= 2);
    const told = (await notified(t.id, 'sla.breach')).map((n) => n.person_id);
    expect(told).toEqual(expect.arrayContaining([agent.person.id, lead.id]));
    expect(told).not.toContain(requester.person.id);

    const seen = await agent.api.getTicket(t.id);
    expect(seen.priority).toBe('P2');
    const next = await desk.db.selectFrom('groups').select(['id', 'name']).where('tier', '>', 1).orderBy('tier').orderBy('name').executeTakeFirstOrThrow();
    expect(seen.group.id).toBe(next.id);
    expect(seen.assignee).toBeNull();
    const events = await storedEvents(desk.db, t.id);
    const raised = events.find((e) => e.type === 'field_changed' && JSON.parse(e.data).field === 'priority');
    expect(raised).toMatchObject({ actor_id: null, body: 'SLA breached: first response' });
    expect(JSON.parse(raised!.data)).toMatchObject({ before: 'P3', after: 'P2' });
    const moved = events.filter((e) => e.type === 'assigned').at(-1);
    expect(moved).toMatchObject({ actor_id: null, body: 'SLA breached: first response' });
    expect(JSON.parse(moved!.data)).toMatchObject({ toGroupId: next.id, toAssigneeId: null });

    // Checking again neither records nor escalates a second time.
    await checkTicketSla(desk.db, t.id, clock);
    await settle();
    expect((await slaEvents(t.id)).filter((e) => e.type === 'sla_breached')).toHaveLength(1);
    expect((await agent.api.getTicket(t.id)).priority).toBe('P2');
  });

  it('two engines on one database record each stage once', async () => {
    await engine!.stop();
    const t = await openTicket({ escalation: { raisePriority: true, moveToNextTier: false } });
    const engines = [0, 1].map((i) => startJobEngine(desk.ctx, { kinds: [slaCheckJob, notifyJob], pollMs: 20, leaseMs, node: `sla-${i}` }));
    try {
      setClock(46);
      await Promise.all([settle(), checkTicketSla(desk.db, t.id, clock)]);
      setClock(61);
      await Promise.all([settle(), checkTicketSla(desk.db, t.id, clock), checkTicketSla(desk.db, t.id, clock)]);
      await settle();
    } finally {
      await Promise.all(engines.map((e) => e.stop()));
      engine = startJobEngine(desk.ctx, { kinds: [slaCheckJob, notifyJob], pollMs: 50, leaseMs });
    }
    expect((await slaEvents(t.id)).map((e) => e.type)).toEqual(['sla_warning', 'sla_breached']);
    expect((await storedEvents(desk.db, t.id)).filter((e) => e.type === 'field_changed')).toHaveLength(1);
    expect((await agent.api.getTicket(t.id)).priority).toBe('P2');
  });

  it('goes silent once when the promised update passes without a public update', async () => {
    const t = await openTicket();
    setClock(5);
    await agent.api.acknowledge(t.id, { restatement: 'The printer burns', nextUpdateAt: iso(30) }, t.version);
    setClock(29);
    await settle();
    expect(await slaEvents(t.id)).toEqual([]);
    setClock(31);
    await settle();
    const events = await slaEvents(t.id);
    expect(events.map((e) => e.type)).toEqual(['went_silent']);
    expect(JSON.parse(events[0]!.data)).toMatchObject({ target: 'nextUpdate', stage: 'silent', dueAt: iso(30) });
    await waitFor('the silence notification', async () => (await notified(t.id, 'sla.silent')).length > 0);
    expect((await notified(t.id, 'sla.silent')).map((n) => n.person_id)).toEqual([agent.person.id]);
  });

  it('a ticket pending on the user does not warn, even when the sweep looks at it', async () => {
    const t = await openTicket();
    setClock(5);
    const acked = await agent.api.acknowledge(t.id, { restatement: 'The printer burns', nextUpdateAt: iso(30) }, t.version);
    setClock(10);
    await agent.api.pend(t.id, { reason: 'user', note: 'Which floor?' }, acked.version);
    setClock(300);
    await sweepSlaTimers(desk.db, clock);
    await settle();
    await checkTicketSla(desk.db, t.id, clock);
    expect(await slaEvents(t.id)).toEqual([]);
  });

  it('a resolved ticket never warns afterwards, and schedules nothing more', async () => {
    const t = await openTicket();
    setClock(5);
    const acked = await agent.api.acknowledge(t.id, { restatement: 'The printer burns', nextUpdateAt: iso(30) }, t.version);
    setClock(10);
    await agent.api.resolve(t.id, RESOLUTION, acked.version);
    setClock(300);
    await sweepSlaTimers(desk.db, clock);
    await settle();
    expect(await checkTicketSla(desk.db, t.id, clock)).toEqual([]);
    expect(await slaEvents(t.id)).toEqual([]);
  });

  it('the sweep finds an overdue ticket whose check was lost, and the breach is recorded', async () => {
    const t = await openTicket({ assign: false });
    // A write path that forgot to schedule: no check left for this ticket.
    await desk.db.deleteFrom('jobs').where('kind', '=', slaCheckJob.name).where('dedupe_key', 'like', `sla:${t.id}:%`).execute();
    setClock(61);
    await settle();
    expect(await slaEvents(t.id)).toEqual([]);
    expect(await sweepSlaTimers(desk.db, clock)).toBeGreaterThanOrEqual(1);
    expect(await sweepSlaTimers(desk.db, clock)).toBe(0);
    await settle();
    expect((await slaEvents(t.id)).map((e) => e.type)).toEqual(['sla_breached']);
    // Unassigned: the owning group's staff hear of it, its lead among them.
    await waitFor('the breach notifications', async () => (await notified(t.id, 'sla.breach')).length >= 2);
    expect((await notified(t.id, 'sla.breach')).map((n) => n.person_id)).toEqual(expect.arrayContaining([agent.person.id, lead.id]));
  });
});
