import { DEFAULT_PRIORITY_MATRIX, LEVELS, type Level } from '@deskside/shared';
import { describe, expect, it } from 'vitest';
import { findGroupByName } from '../src/modules/identity/index.js';
import { describeEachDialect } from './support/dialects.js';
import { countRows } from './support/db.js';
import { agentAndRequester, signedIn } from './support/people.js';
import { useTestDesk } from './support/test-desk.js';
import { createTicket, expectProblem, ticketInput } from './support/tickets.js';

describeEachDialect('opening tickets', (dialect) => {
  describe('on an empty desk', () => {
    const desk = useTestDesk(dialect);

    it('numbers incidents INC-000001… and service requests REQ-000001… independently', async () => {
      const { api } = await signedIn(desk, { role: 'agent', groupNames: ['Service Desk'] });
      const numbers = [];
      for (const type of ['incident', 'service_request', 'incident', 'incident', 'service_request'] as const) {
        numbers.push((await createTicket(api, { type })).number);
      }
      expect(numbers).toEqual(['INC-000001', 'REQ-000001', 'INC-000002', 'INC-000003', 'REQ-000002']);
      expect((await api.getTicket('INC-000002')).number).toBe('INC-000002');
      expect((await api.getTicket('req-000002')).number).toBe('REQ-000002');
    });
  });

  describe('with the default matrix', () => {
    const desk = useTestDesk(dialect);

    it('prioritises all nine impact x urgency pairs by the default matrix', async () => {
      const { api } = await signedIn(desk, { role: 'agent', groupNames: ['Service Desk'] });
      const got: string[][] = [[], [], []];
      for (const impact of LEVELS) {
        for (const urgency of LEVELS) {
          const t = await createTicket(api, { impact, urgency });
          expect([t.impact, t.urgency]).toEqual([impact, urgency]);
          got[impact - 1]!.push(t.priority);
        }
      }
      expect(got).toEqual([
        ['P1', 'P2', 'P3'],
        ['P2', 'P3', 'P4'],
        ['P3', 'P4', 'P4'],
      ]);
      expect(got).toEqual(DEFAULT_PRIORITY_MATRIX);
    });

    it('starts new, at version 1, owned by the Service Desk, with no assignee and no clocks', async () => {
      const { requester } = await agentAndRequester(desk);
      const serviceDesk = await findGroupByName(desk.db, 'Service Desk');
      const t = await createTicket(requester.api, { impact: 1 as Level, urgency: 1 as Level, category: 'Network' });
      expect(t).toMatchObject({
        type: 'incident',
        status: 'new',
        version: 1,
        priority: 'P1',
        priorityOverride: null,
        category: 'Network',
        requesterId: requester.person.id,
        requester: { id: requester.person.id, name: requester.person.name },
        groupId: serviceDesk!.id,
        group: { id: serviceDesk!.id, name: 'Service Desk', tier: 1 },
        assigneeId: null,
        acceptedAt: null,
        nextUpdateAt: null,
        restoredAt: null,
        resolvedAt: null,
        closedAt: null,
        reopenCount: 0,
        channel: 'portal',
      });
      expect(Date.parse(t.createdAt)).toBeGreaterThan(Date.now() - 60_000);
      const stored = await desk.db.selectFrom('tickets').selectAll().where('id', '=', t.id).executeTakeFirstOrThrow();
      expect(stored.number).toBe(t.number);
    });

    it('lets an agent open a ticket on behalf of a caller', async () => {
      const { agent, requester } = await agentAndRequester(desk);
      const t = await createTicket(agent.api, { requesterId: requester.person.id });
      expect(t.requesterId).toBe(requester.person.id);
      expect(t.channel).toBe('desk');
      const mine = await requester.api.listTickets();
      expect(mine.items.map((i) => i.id)).toContain(t.id);
    });

    it('refuses a requester id that does not exist (422) and creates nothing', async () => {
      const { api } = await signedIn(desk, { role: 'agent', groupNames: ['Service Desk'] });
      const before = await countRows(desk.db, 'tickets');
      const problem = await expectProblem(api.createTicket(ticketInput({ requesterId: 999_999 })), 422);
      expect(problem.errors?.[0]?.field).toBe('requesterId');
      expect(await countRows(desk.db, 'tickets')).toBe(before);
    });

    it('maps the portal’s plain answers to impact and urgency', async () => {
      const { api } = await signedIn(desk);
      const stopped = await api.reportProblem({ subject: 'Outlook is down', description: 'Nobody on my floor can open mail', workStopped: 'completely', whoAffected: 'many_people', type: 'incident' });
      expect(stopped).toMatchObject({ impact: 1, urgency: 1, priority: 'P1', channel: 'portal' });
      const minor = await api.reportProblem({ subject: 'Mouse squeaks', description: 'It squeaks', workStopped: 'not_really', whoAffected: 'just_me', type: 'incident' });
      expect(minor).toMatchObject({ impact: 3, urgency: 3, priority: 'P4' });
    });

    it('validates the body: missing fields, bad levels and empty text answer 400 naming the field', async () => {
      const { api } = await signedIn(desk);
      const before = await countRows(desk.db, 'tickets');
      const cases: [unknown, string][] = [
        [{ ...ticketInput(), subject: undefined }, 'body.subject'],
        [{ ...ticketInput(), impact: 4 }, 'body.impact'],
        [{ ...ticketInput(), urgency: '1' }, 'body.urgency'],
        [{ ...ticketInput(), description: '   ' }, 'body.description'],
        [{ ...ticketInput(), type: 'problem' }, 'body.type'],
        [{ ...ticketInput(), subject: 'x'.repeat(201) }, 'body.subject'],
      ];
      for (const [body, field] of cases) {
        const problem = await expectProblem(api.request('POST', '/api/v1/tickets', body), 400);
        expect(problem.errors?.map((e) => e.field)).toContain(field);
      }
      expect(await countRows(desk.db, 'tickets')).toBe(before);
    });
  });
});
