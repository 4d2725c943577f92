import { expect, it } from 'vitest';
import { listAuditEntries, verifyAuditChain } from '../src/modules/audit/index.js';
import { useAccessDesk } from './support/access-desk.js';
import { describeEachDialect } from './support/dialects.js';
import { describeWithSlapd } from './support/slapd.js';

describeEachDialect('access requests: break-glass', (dialect) => {
  describeWithSlapd('against a real slapd', () => {
    const a = useAccessDesk(dialect, { settled: ['lucas.moreau'] });
    const { problemOf, viewOf, step, current } = a;
    const reason = 'The person lost their phone abroad and their manager is on leave; confirmed by the site lead in person.';

    it('needs a written reason: a short one is refused naming the field, and nothing is stored', async () => {
      const agent = await a.agentWithMfa();
      const before = await a.desk.db.selectFrom('access_requests').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      const refused = await problemOf(
        await a.call(agent, 'POST', `/api/v1/tickets/${a.state.ticketId}/access-requests`, {
          action: { type: 'unlock_account' }, targetDirectoryId: a.person('lucas.moreau').id, breakGlass: { reason: 'urgent' },
        }),
        422,
      );
      expect(JSON.stringify(refused)).toContain('breakGlass.reason');
      const after = await a.desk.db.selectFrom('access_requests').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      expect(Number(after.n)).toBe(Number(before.n));
    });

    it('alerts Security at once and cannot execute without two approvers other than the agent', async () => {
      const agent = await a.agentWithMfa();
      const first = await a.agentWithMfa();
      const second = await a.agentWithMfa();
      const opened = await viewOf(
        await a.call(agent, 'POST', `/api/v1/tickets/${a.state.ticketId}/access-requests`, {
          action: { type: 'unlock_account' }, targetDirectoryId: a.person('lucas.moreau').id, note: 'Caller is stuck at the airport', breakGlass: { reason },
        }),
        201,
      );
      expect(opened.breakGlassReason).toBe(reason);
      expect(opened.requirements.approversRequired).toBeGreaterThanOrEqual(2);
      expect(opened.requirements.inWords.join('\n')).toContain('Break-glass');
      expect(opened.securityTicketId).toEqual(expect.any(Number));
      const security = await a.desk.db.selectFrom('tickets').innerJoin('groups', 'groups.id', 'tickets.group_id')
        .select(['tickets.description', 'groups.name']).where('tickets.id', '=', opened.securityTicketId!).executeTakeFirstOrThrow();
      expect(security.name).toBe('Security');
      expect(security.description).toContain(reason);

      await viewOf(await step(agent, opened.id, 'verifications/callback'));
      expect((await problemOf(await step(agent, opened.id, 'execute'), 409)).detail).toMatch(/approv/i);
      // The agent who opened it cannot approve it, and one approver is not enough.
      await problemOf(await step(agent, opened.id, 'approvals'), 409);
      await viewOf(await step(first, opened.id, 'approvals'));
      await problemOf(await step(first, opened.id, 'approvals'), 409);
      expect((await problemOf(await step(agent, opened.id, 'execute'), 409)).detail).toMatch(/approv/i);
      const approved = await viewOf(await step(second, opened.id, 'approvals'));
      expect(approved.state).toBe('approved');
      const executed = await viewOf(await step(agent, opened.id, 'execute'));
      expect(executed.state).toMatch(/executed|notified/);
      expect((await current(agent, opened.id)).approvals).toHaveLength(2);

      expect((await verifyAuditChain(a.desk.db)).ok).toBe(true);
      const requested = (await listAuditEntries(a.desk.db, { limit: 500 })).items.map((r) => r.entry)
        .find((e) => 'requestId' in e && e.requestId === opened.id && e.outcome === 'requested');
      expect(requested && 'after' in requested ? requested.after : null).toMatchObject({ breakGlass: true, breakGlassReason: reason });
    });
  });
});
