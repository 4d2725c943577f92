import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { describeEachDialect, POSTGRES_URL, postgresAvailable } from './support/dialects.js';
import { openStream, type StreamEvent } from './support/event-stream.js';
import { signedIn } from './support/people.js';
import { createTestDatabase, startNode, startTestDesk, useTestDesk, type TestDatabase, type TestNode } from './support/test-desk.js';
import { createTicket } from './support/tickets.js';

const about = (ticketId: number, type?: string) => (e: StreamEvent) =>
  e.event === 'ticket' && e.data.ticketId === ticketId && (type === undefined || e.data.type === type);

describeEachDialect('live updates over server-sent events', (dialect) => {
  const desk = useTestDesk(dialect);

  it('refuses the stream when signed out (401 problem+json)', async () => {
    const res = await desk.fetch(`${desk.baseUrl}/api/v1/stream`);
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });

  it('announces a ticket created by someone else to an open desk within seconds', async () => {
    const watcher = await signedIn(desk, { role: 'agent', groupNames: ['Service Desk'] });
    const caller = await signedIn(desk);
    const stream = await openStream(watcher.api);
    try {
      expect(stream.status).toBe(200);
      expect(stream.contentType).toMatch(/^text\/event-stream/);
      const t = await createTicket(caller.api);
      const event = await stream.waitFor(about(t.id, 'created'));
      expect(event.data).toMatchObject({ ticketId: t.id, type: 'created', eventId: expect.any(Number) });
      expect(event.id).toBe(String(event.data.eventId));

      await watcher.api.comment(t.id, { body: 'Internal triage', visibility: 'internal' });
      await stream.waitFor(about(t.id, 'internal_note'));
    } finally {
      stream.close();
    }
  });

  it('tells a requester only about public changes to their own tickets', async () => {
    const agent = await signedIn(desk, { role: 'agent', groupNames: ['Service Desk'] });
    const alice = await signedIn(desk);
    const bob = await signedIn(desk);
    const mine = await createTicket(alice.api);
    const stream = await openStream(alice.api);
    try {
      const his = await createTicket(bob.api);
      await agent.api.comment(mine.id, { body: 'Internal: check the proxy logs', visibility: 'internal' });
      await agent.api.comment(his.id, { body: 'Public reply to Bob', visibility: 'public' });
      await agent.api.comment(mine.id, { body: 'We are on it', visibility: 'public' });
      await stream.waitFor(about(mine.id, 'public_reply'));
      // Give anything that should not come the time the reply took, then look.
      await new Promise((r) => setTimeout(r, 1200));
      expect(stream.received.filter((e) => e.data.ticketId === his.id)).toEqual([]);
      expect(stream.received.filter((e) => e.data.type === 'internal_note')).toEqual([]);
    } finally {
      stream.close();
    }
  });
});

describeEachDialect('shutting down with streams open', (dialect) => {
  it('ends open streams so the node can stop (SIGTERM must not hang on idle desks)', async () => {
    const node = await startTestDesk(dialect);
    let closed = false;
    try {
      const { api } = await signedIn(node, { role: 'agent', groupNames: ['Service Desk'] });
      const stream = await openStream(api);
      expect(stream.status).toBe(200);
      const closing = node.close().then(() => (closed = true));
      await Promise.race([closing, new Promise((r) => setTimeout(r, 5000))]);
      stream.close();
      expect(closed).toBe(true);
    } finally {
      if (!closed) await node.close();
    }
  });
});

describe.skipIf(!postgresAvailable)('two desk nodes on one PostgreSQL database', () => {
  let database: TestDatabase;
  let a: TestNode;
  let b: TestNode;

  it('a ticket created on node A is announced on node B’s stream and listed by B', async () => {
    database = await createTestDatabase('postgres');
    try {
      a = await startNode(database);
      b = await startNode(database);
      const onB = await signedIn(b, { role: 'agent', groupNames: ['Service Desk'] });
      const onA = await signedIn(a);
      const stream = await openStream(onB.api);
      try {
        const t = await createTicket(onA.api, { subject: 'Created on node A' });
        await stream.waitFor(about(t.id, 'created'));
        const listed = await onB.api.listTickets({ q: 'node' });
        expect(listed.items.map((i) => i.id)).toContain(t.id);
        expect((await onB.api.getTicket(t.number)).subject).toBe('Created on node A');
      } finally {
        stream.close();
      }

      // Numbers stay unique and consecutive when both nodes create at once.
      const agentOnA = await signedIn(a, { role: 'agent', groupNames: ['Service Desk'] });
      const created = await Promise.all(
        Array.from({ length: 20 }, (_, i) => createTicket(i % 2 ? agentOnA.api : onB.api, { type: 'service_request' })),
      );
      expect(created.map((t) => t.number).sort()).toEqual(Array.from({ length: 20 }, (_, i) => `REQ-${String(i + 1).padStart(6, '0')}`));
    } finally {
      await a?.close();
      await b?.close();
      await database.drop();
    }
  });
});

describe.skipIf(!postgresAvailable)('when PostgreSQL drops the desk’s connections', () => {
  it('the node keeps answering and its stream resumes once the change feed reconnects', async () => {
    const database = await createTestDatabase('postgres');
    const node = await startNode(database);
    try {
      const agent = await signedIn(node, { role: 'agent', groupNames: ['Service Desk'] });
      const caller = await signedIn(node);
      const stream = await openStream(agent.api);
      try {
        await createTicket(caller.api);
        // What a server restart or failover does to every connection: the pool's idle
        // clients and the LISTEN connection all die at once.
        const name = new URL(database.env.DATABASE_URL!).pathname.slice(1);
        await terminateBackends(name);
        // A request right away: the pool must replace its dead clients, not crash the process.
        const afterDrop = await createTicket(caller.api, { subject: 'Filed right after the connections dropped' });
        expect(afterDrop.number).toMatch(/^INC-/);
        // Changes made once the feed has reconnected (1 s backoff) reach the open stream again.
        await new Promise((r) => setTimeout(r, 1500));
        const later = await createTicket(caller.api, { subject: 'Filed after the feed came back' });
        await stream.waitFor(about(later.id, 'created'), 10_000);
      } finally {
        stream.close();
      }
    } finally {
      await node.close();
      await database.drop();
    }
  });
});

async function terminateBackends(databaseName: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    const { rowCount } = await client.query(
      'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
      [databaseName],
    );
    expect(rowCount).toBeGreaterThan(0);
  } finally {
    await client.end();
  }
}
