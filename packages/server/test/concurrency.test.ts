import { ApiError } from '@deskside/shared';
import { describe, expect, it } from 'vitest';
import { describeEachDialect } from './support/dialects.js';
import { countRows, storedEvents } from './support/db.js';
import { signedIn } from './support/people.js';
import { useTestDesk } from './support/test-desk.js';
import { createTicket, expectProblem, inMinutes, ticketInput } from './support/tickets.js';

describeEachDialect('concurrency', (dialect) => {
  describe('versions and If-Match', () => {
    const desk = useTestDesk(dialect);
    const deskAgent = () => signedIn(desk, { role: 'agent', groupNames: ['Service Desk'] });

    it('sends the version as the ETag and refuses a stale If-Match with 412, changing nothing', async () => {
      const { api } = await deskAgent();
      const t = await createTicket(api);
      const res = await api.raw(`/api/v1/tickets/${t.id}`);
      expect(res.headers.get('etag')).toBe(`"${t.version}"`);

      const first = await api.updateTicket(t.id, { subject: 'First edit wins' }, t.version);
      expect(first.version).toBe(t.version + 1);
      const eventsBefore = await storedEvents(desk.db, t.id);
      const problem = await expectProblem(api.updateTicket(t.id, { subject: 'Second edit is stale' }, t.version), 412);
      expect(problem.detail).toContain(`version ${first.version}`);
      await expectProblem(api.acknowledge(t.id, { restatement: 'stale', nextUpdateAt: inMinutes(30) }, t.version), 412);
      await expectProblem(api.comment(t.id, { body: 'stale note', visibility: 'internal' }, t.version), 412);
      expect(await api.getTicket(t.id)).toMatchObject({ subject: 'First edit wins', status: 'new', version: first.version });
      expect(await storedEvents(desk.db, t.id)).toEqual(eventsBefore);
    });

    it('accepts W/"n" and bare n as If-Match, and * as “any version”', async () => {
      const { api } = await deskAgent();
      const t = await createTicket(api);
      const weak = await api.request<{ version: number }>('PATCH', `/api/v1/tickets/${t.id}`, { subject: 'weak' }, { 'if-match': `W/"${t.version}"` });
      const bare = await api.request<{ version: number }>('PATCH', `/api/v1/tickets/${t.id}`, { subject: 'bare' }, { 'if-match': String(weak.version) });
      const any = await api.request<{ version: number }>('PATCH', `/api/v1/tickets/${t.id}`, { subject: 'any' }, { 'if-match': '*' });
      expect(any.version).toBe(bare.version + 1);
    });

    it('of two concurrent writes from the same version exactly one wins; the other gets 412', async () => {
      const a = await deskAgent();
      const b = await deskAgent();
      for (let round = 0; round < 5; round++) {
        const t = await createTicket(a.api);
        const results = await Promise.allSettled([
          a.api.updateTicket(t.id, { subject: `A wins round ${round}` }, t.version),
          b.api.updateTicket(t.id, { subject: `B wins round ${round}` }, t.version),
        ]);
        const won = results.filter((r) => r.status === 'fulfilled');
        const lost = results.filter((r) => r.status === 'rejected');
        expect(won).toHaveLength(1);
        expect(lost).toHaveLength(1);
        expect(((lost[0] as PromiseRejectedResult).reason as ApiError).status).toBe(412);
        const after = await a.api.getTicket(t.id);
        expect(after.version).toBe(t.version + 1);
        expect(after.subject).toBe((won[0] as PromiseFulfilledResult<{ subject: string }>).value.subject);
        expect((await storedEvents(desk.db, t.id)).filter((e) => e.type === 'field_changed')).toHaveLength(1);
      }
    });

    it('two different actions racing on one version: one lands, the other changes nothing', async () => {
      const { api, person } = await deskAgent();
      const t = await createTicket(api);
      const results = await Promise.allSettled([
        api.acknowledge(t.id, { restatement: 'racing', nextUpdateAt: inMinutes(30) }, t.version),
        api.assign(t.id, { assigneeId: person.id }, t.version),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const after = await api.getTicket(t.id);
      expect(after.version).toBe(t.version + 1);
      const acked = after.status === 'acknowledged';
      expect(after.assigneeId).toBe(acked ? null : person.id);
    });
  });

  describe('numbers under load', () => {
    const desk = useTestDesk(dialect);

    it('50 concurrent creates get 50 distinct, consecutive numbers', async () => {
      const { api } = await signedIn(desk, { role: 'agent', groupNames: ['Service Desk'] });
      const created = await Promise.all(Array.from({ length: 50 }, (_, i) => createTicket(api, { subject: `Load ${i}` })));
      const numbers = created.map((t) => t.number).sort();
      expect(new Set(numbers).size).toBe(50);
      expect(numbers).toEqual(Array.from({ length: 50 }, (_, i) => `INC-${String(i + 1).padStart(6, '0')}`));
      expect(await countRows(desk.db, 'tickets')).toBe(50);
    });
  });

  describe('Idempotency-Key', () => {
    const desk = useTestDesk(dialect);

    it('replays the same POST: same ticket, 200 with idempotent-replayed', async () => {
      const { api } = await signedIn(desk);
      const body = JSON.stringify(ticketInput({ subject: 'Printer offline' }));
      const post = () => api.raw('/api/v1/tickets', { method: 'POST', csrf: true, body, headers: { 'idempotency-key': 'printer-1' } });
      const before = await countRows(desk.db, 'tickets');
      const first = await post();
      expect(first.status).toBe(201);
      expect(first.headers.get('idempotent-replayed')).toBeNull();
      const second = await post();
      expect(second.status).toBe(200);
      expect(second.headers.get('idempotent-replayed')).toBe('true');
      const [a, b] = [(await first.json()) as { id: number; number: string }, (await second.json()) as { id: number; number: string }];
      expect(b.id).toBe(a.id);
      expect(b.number).toBe(a.number);
      expect(await countRows(desk.db, 'tickets')).toBe(before + 1);
    });

    it('five concurrent duplicates create exactly one ticket', async () => {
      const { api } = await signedIn(desk);
      const before = await countRows(desk.db, 'tickets');
      const results = await Promise.all(Array.from({ length: 5 }, () => createTicket(api, { subject: 'Double click' }, 'double-click-1')));
      expect(new Set(results.map((t) => t.id)).size).toBe(1);
      expect(await countRows(desk.db, 'tickets')).toBe(before + 1);
      expect(await countRows(desk.db, 'idempotency_keys')).toBeGreaterThanOrEqual(1);
      const again = await createTicket(api, { subject: 'Next one' });
      expect(Number(again.number.slice(4))).toBe(Number(results[0]!.number.slice(4)) + 1);
    });

    it('refuses the same key with a different body (422) and creates nothing', async () => {
      const { api } = await signedIn(desk);
      const first = await createTicket(api, { subject: 'Original' }, 'reused-key');
      const before = await countRows(desk.db, 'tickets');
      const problem = await expectProblem(api.createTicket(ticketInput({ subject: 'Different' }), 'reused-key'), 422);
      expect(problem.errors?.[0]?.field).toBe('Idempotency-Key');
      expect(await countRows(desk.db, 'tickets')).toBe(before);
      expect((await api.getTicket(first.id)).subject).toBe('Original');
    });

    it('keys are per caller: two people using the same key get two tickets', async () => {
      const a = await signedIn(desk);
      const b = await signedIn(desk);
      const ta = await createTicket(a.api, {}, 'shared-key');
      const tb = await createTicket(b.api, {}, 'shared-key');
      expect(ta.id).not.toBe(tb.id);
      expect(tb.requesterId).toBe(b.person.id);
    });
  });
});
