import type { Notification } from '@deskside/shared';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startJobEngine, type JobEngine } from '../src/jobs/index.js';
import type { Actor } from '../src/modules/identity/index.js';
import { enqueueNotification, notifyJob, NotifyPayload } from '../src/modules/notifications/index.js';
import { assignTicket, loadTicketFor } from '../src/modules/tickets/index.js';
import { describeEachDialect } from './support/dialects.js';
import { openStream } from './support/event-stream.js';
import { waitFor, waitForStatus } from './support/jobs.js';
import { signedIn, type SessionClient, type TestPerson } from './support/people.js';
import { useTestDesk } from './support/test-desk.js';
import { createTicket, expectProblem } from './support/tickets.js';

type Someone = { person: TestPerson; api: SessionClient };

const actorOf = (p: TestPerson): Actor => ({ id: p.id, name: p.name, email: p.email, role: p.role, groupIds: p.groupIds, scopes: null });

describeEachDialect('in-app notifications', (dialect) => {
  const desk = useTestDesk(dialect);
  let engine: JobEngine;
  // One cast for the whole block: sign-ins per desk are rate-limited, and each test uses its own tickets.
  let sam: Someone;
  let noor: Someone;
  let kai: Someone;
  let mara: Someone;

  beforeAll(async () => {
    engine = startJobEngine(desk.ctx, { kinds: [notifyJob], pollMs: 100 });
    sam = await signedIn(desk, { role: 'agent', groupNames: ['Service Desk'], name: 'Sam Achterberg' });
    noor = await signedIn(desk, { role: 'agent', groupNames: ['Service Desk'], name: 'Noor Haddad' });
    kai = await signedIn(desk, { role: 'agent', groupNames: ['Service Desk'], name: 'Kai Brandt' });
    mara = await signedIn(desk, { name: 'Mara Lindqvist' });
  });
  afterAll(async () => {
    await engine?.stop();
  });

  const about = async (who: Someone, ticketId: number): Promise<Notification[]> =>
    (await who.api.notifications({ limit: 100 })).items.filter((n) => n.ticketId === ticketId);
  const arrived = (who: Someone, ticketId: number, count: number) =>
    waitFor(`${count} notification(s) for ${who.person.name} about ticket ${ticketId}`, async () => {
      const mine = await about(who, ticketId);
      return mine.length >= count ? mine : undefined;
    });
  /** Notify jobs whose payload names this ticket: none means nobody was going to be told. */
  const notifyJobsFor = async (ticketId: number) => {
    const rows = await desk.db.selectFrom('jobs').select(['id', 'payload']).where('kind', '=', notifyJob.name).execute();
    return rows.filter((r) => NotifyPayload.parse(JSON.parse(r.payload)).ticketId === ticketId);
  };

  it('assigning a ticket tells the assignee once, even when the notify job runs again', async () => {
    const t = await createTicket(mara.api, { subject: 'Printer on floor 3 prints blank pages' });
    await sam.api.assign(t.id, { assigneeId: noor.person.id }, t.version);
    const [n] = await arrived(noor, t.id, 1);
    expect(n).toMatchObject({
      kind: 'ticket.assigned',
      title: `${t.number} was assigned to you by Sam Achterberg`,
      body: 'Printer on floor 3 prints blank pages',
      ticketId: t.id,
      ticketNumber: t.number,
      readAt: null,
    });

    // At least once: a worker that dies after committing runs the job again, perhaps twice.
    const [job] = await notifyJobsFor(t.id);
    await waitForStatus(desk.db, job!.id, 'done');
    const payload = NotifyPayload.parse(JSON.parse(job!.payload));
    const run = { id: job!.id, attempt: 2, runAt: Date.now(), dedupeKey: null, signal: new AbortController().signal };
    await notifyJob.handle(payload, run, desk.ctx);
    await notifyJob.handle(payload, { ...run, attempt: 3 }, desk.ctx);
    // Enqueueing the same cause again is refused at the outbox too.
    const again = await desk.db.transaction().execute((tx) => enqueueNotification(tx, { ...payload, body: payload.body ?? null }));
    expect(again).toBeNull();
    expect(await about(noor, t.id)).toHaveLength(1);
    expect(await about(sam, t.id)).toEqual([]);
  });

  it('taking a ticket yourself tells nobody', async () => {
    const t = await createTicket(mara.api);
    await sam.api.assign(t.id, { assigneeId: sam.person.id }, t.version);
    expect(await notifyJobsFor(t.id)).toEqual([]);
    expect(await about(sam, t.id)).toEqual([]);
  });

  it("a requester's reply tells the assignee, and nobody while the ticket is unassigned", async () => {
    const t = await createTicket(mara.api);
    await mara.api.comment(t.id, { body: 'It happens on the second floor too.', visibility: 'public' });
    expect(await notifyJobsFor(t.id)).toEqual([]);

    await sam.api.assign(t.id, { assigneeId: noor.person.id });
    await arrived(noor, t.id, 1);
    await mara.api.comment(t.id, { body: 'Restarting did not help.', visibility: 'public' });
    const [reply] = await arrived(noor, t.id, 2);
    expect(reply).toMatchObject({ kind: 'ticket.requester_replied', title: `Mara Lindqvist replied on ${t.number}`, body: 'Restarting did not help.' });
    // The assignee's own public reply tells nobody (least of all the assignee).
    await noor.api.comment(t.id, { body: 'Looking at the driver now.', visibility: 'public' });
    await new Promise((r) => setTimeout(r, 400));
    expect(await about(noor, t.id)).toHaveLength(2);
  });

  it("nobody sees or marks another person's notifications", async () => {
    const t = await createTicket(mara.api);
    await sam.api.assign(t.id, { assigneeId: noor.person.id }, t.version);
    const [n] = await arrived(noor, t.id, 1);

    expect(await about(kai, t.id)).toEqual([]);
    expect(await kai.api.markNotificationsRead({ ids: [n!.id] })).toEqual({ marked: 0, unread: 0 });
    expect(await kai.api.markNotificationsRead({ upTo: n!.id + 1000 })).toEqual({ marked: 0, unread: 0 });
    expect((await about(noor, t.id))[0]!.readAt).toBeNull();
    // Someone else's ids on mara's (a requester's) session: the same nothing.
    expect((await mara.api.markNotificationsRead({ ids: [n!.id] })).marked).toBe(0);

    const before = (await noor.api.notifications()).unread;
    expect(await noor.api.markNotificationsRead({ ids: [n!.id] })).toEqual({ marked: 1, unread: before - 1 });
    expect((await about(noor, t.id))[0]!.readAt).toEqual(expect.any(String));
    const unread = await noor.api.notifications({ unreadOnly: true });
    expect(unread.items.map((i) => i.id)).not.toContain(n!.id);

    await expectProblem(noor.api.markNotificationsRead({}), 400);
    await expectProblem(noor.api.markNotificationsRead({ ids: [n!.id], upTo: n!.id }), 400);
  });

  it('pages newest first and marks all read up to an id', async () => {
    const tickets = [await createTicket(mara.api), await createTicket(mara.api), await createTicket(mara.api)];
    for (const t of tickets) await sam.api.assign(t.id, { assigneeId: kai.person.id }, t.version);
    for (const t of tickets) await arrived(kai, t.id, 1);
    const first = await kai.api.notifications({ limit: 2 });
    expect(first.items).toHaveLength(2);
    expect(first.items[0]!.id).toBeGreaterThan(first.items[1]!.id);
    expect(first.nextBefore).toBe(first.items[1]!.id);
    const second = await kai.api.notifications({ limit: 2, before: first.nextBefore! });
    expect(second.items[0]!.id).toBeLessThan(first.items[1]!.id);

    expect(await kai.api.markNotificationsRead({ upTo: first.items[0]!.id })).toMatchObject({ unread: 0 });
    expect((await kai.api.notifications({ unreadOnly: true })).items).toEqual([]);
  });

  it('the stream tells the recipient, and only the recipient, as it happens', async () => {
    const noorStream = await openStream(noor.api);
    const kaiStream = await openStream(kai.api);
    try {
      const t = await createTicket(mara.api);
      await sam.api.assign(t.id, { assigneeId: noor.person.id }, t.version);
      const event = await noorStream.waitFor((e) => e.event === 'notification', 8000);
      const [n] = await about(noor, t.id);
      expect(event.data).toEqual({ id: n!.id, unread: expect.any(Number) });
      expect(event.data.unread).toBeGreaterThanOrEqual(1);
      // Kai's desk heard the ticket change; give a stray notification the same time to arrive.
      await kaiStream.waitFor((e) => e.event === 'ticket' && e.data.ticketId === t.id && e.data.type === 'assigned');
      await new Promise((r) => setTimeout(r, 1000));
      expect(kaiStream.received.filter((e) => e.event === 'notification')).toEqual([]);
    } finally {
      noorStream.close();
      kaiStream.close();
    }
  });

  it('a change that rolls back leaves no notification', async () => {
    const t = await createTicket(mara.api);
    await expect(
      desk.db.transaction().execute(async (tx) => {
        const ticket = await loadTicketFor(tx, actorOf(sam.person), t.id, 'assign', t.version);
        await assignTicket({ tx, actor: actorOf(sam.person), now: Date.now() }, ticket, { assigneeId: noor.person.id });
        throw new Error('something after the assignment failed');
      }),
    ).rejects.toThrow('something after the assignment failed');
    expect(await notifyJobsFor(t.id)).toEqual([]);

    // The same assignment, committed, is delivered: the engine was running all along.
    await sam.api.assign(t.id, { assigneeId: noor.person.id }, t.version);
    expect(await arrived(noor, t.id, 1)).toHaveLength(1);
    expect(await notifyJobsFor(t.id)).toHaveLength(1);
  });
});
