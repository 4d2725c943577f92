import { isAccessActionRecord, type ManagerApprovalList } from '@deskside/shared';
import { expect, it } from 'vitest';
import { listAuditEntries, verifyAuditChain } from '../src/modules/audit/index.js';
import { useAccessDesk } from './support/access-desk.js';
import { describeEachDialect } from './support/dialects.js';
import type { SessionClient } from './support/people.js';
import { describeWithSlapd } from './support/slapd.js';

describeEachDialect('access requests: approval by the manager of record in their own session', (dialect) => {
  describeWithSlapd('against a real slapd', () => {
    // Hana Sato manages Diego Alvarez and Fatima Zahra; Erik Nilsson manages Mei Wong; Marcus Reed (no account) manages Lucas Moreau.
    const a = useAccessDesk(dialect, { deskAccountsFor: ['hana.sato', 'fatima.zahra', 'erik.nilsson'], settled: ['diego.alvarez', 'lucas.moreau', 'mei.wong'] });
    const { call, problemOf, viewOf, open, step, current } = a;
    const approvals = async (who: SessionClient) => {
      const res = await call(who, 'GET', '/api/v1/me/access-approvals');
      expect(res.status, await res.clone().text()).toBe(200);
      return ((await res.json()) as ManagerApprovalList).items;
    };
    const answer = (who: SessionClient, id: string, ans: string) => call(who, 'POST', `/api/v1/me/access-approvals/${id}`, { answer: ans });

    it('only the manager of record sees and answers; their approval verifies the request, which then executes', async () => {
      const agent = await a.agentWithMfa();
      await a.lock('diego.alvarez');
      const opened = await viewOf(await open(agent, 'diego.alvarez'), 201);
      const asked = await viewOf(await step(agent, opened.id, 'verifications/manager'));
      expect(asked.state).toBe('requested');
      expect(asked.missing.join('\n')).toContain('manager');

      const hana = a.accountOf('hana.sato');
      const mine = await approvals(hana);
      expect(mine.map((i) => [i.requestId, i.targetName, i.actionInWords])).toEqual([[opened.id, 'Diego Alvarez', 'unlock their account']]);
      // Another manager, a colleague of the target, the agent and the requester: nothing to see, nothing to answer.
      expect(await approvals(a.accountOf('fatima.zahra'))).toEqual([]);
      expect(await approvals(a.accountOf('erik.nilsson'))).toEqual([]);
      for (const who of [a.accountOf('fatima.zahra'), a.accountOf('erik.nilsson'), agent, a.state.requester]) {
        await problemOf(await answer(who, opened.id, 'approve'), 404);
      }
      expect((await current(agent, opened.id)).state).toBe('requested');
      // An answer is approve or decline, nothing else.
      await problemOf(await answer(hana, opened.id, 'maybe'), 400);

      const res = await answer(hana, opened.id, 'approve');
      expect(res.status, await res.clone().text()).toBe(200);
      expect(((await res.json()) as ManagerApprovalList).items).toEqual([]);
      await problemOf(await answer(hana, opened.id, 'approve'), 404);
      const verified = await current(agent, opened.id);
      expect(verified).toMatchObject({ state: 'verified', missing: [] });
      expect(verified.verifications.map((v) => [v.method, v.verifiedAt !== null])).toEqual([['manager_approval', true]]);

      const executed = await viewOf(await step(agent, opened.id, 'execute'));
      expect(executed.state).toBe('executed');
      expect(await a.slapd.tryBind(a.person('diego.alvarez').dn, a.person('diego.alvarez').password)).toBe(true);
      expect((await verifyAuditChain(a.desk.db)).ok).toBe(true);
      const entries = (await listAuditEntries(a.desk.db, { limit: 500 })).items.filter(isAccessActionRecord).filter((r) => r.entry.requestId === opened.id);
      const verifiedEntry = entries.find((r) => r.entry.outcome === 'verified')!.entry;
      expect(verifiedEntry.verifications[0]).toMatchObject({ method: 'manager_approval' });
      expect(verifiedEntry.after).toMatchObject({ by: `person:${a.person('hana.sato').id}` });
    });

    it('a decline refuses the request; a manager who is no longer of record cannot answer', async () => {
      const agent = await a.agentWithMfa();
      const declined = await viewOf(await open(agent, 'fatima.zahra'), 201);
      await viewOf(await step(agent, declined.id, 'verifications/manager'));
      await viewOf(await open(agent, 'fatima.zahra'), 201).then((v) => step(agent, v.id, 'verifications/manager').then((r) => viewOf(r)));
      const hana = a.accountOf('hana.sato');
      expect((await answer(hana, declined.id, 'decline')).status).toBe(200);
      const after = await current(agent, declined.id);
      expect(after.state).toBe('refused');
      expect(after.outcome).toContain('declined');
      await problemOf(await step(agent, declined.id, 'execute'), 409);

      // The directory now says Erik manages Fatima: Hana's pending approval is no longer hers to give.
      const other = (await approvals(hana))[0]!;
      await a.desk.db.updateTable('directory_people').set({ manager_immutable_id: a.person('erik.nilsson').id }).where('immutable_id', '=', a.person('fatima.zahra').id).execute();
      await problemOf(await answer(hana, other.requestId, 'approve'), 404);
      expect((await approvals(a.accountOf('erik.nilsson'))).map((i) => i.requestId)).toEqual([other.requestId]);
    });

    it('no manager account, or the agent being the manager: asking is refused with why', async () => {
      const agent = await a.agentWithMfa();
      const lucas = await viewOf(await open(agent, 'lucas.moreau'), 201);
      expect((await problemOf(await step(agent, lucas.id, 'verifications/manager'), 409)).detail).toContain('no active Deskside account');
      // Erik is an agent too now: the manager of record may not verify a request they are handling.
      const erikAgent = await a.agentWithMfa({ email: `agent-${a.person('erik.nilsson').email}` });
      await a.desk.db.updateTable('users').set({ directory_id: null }).where('email', '=', a.person('erik.nilsson').email).execute();
      const erikRow = await a.desk.db.selectFrom('directory_people').select('id').where('immutable_id', '=', a.person('erik.nilsson').id).executeTakeFirstOrThrow();
      await a.desk.db.updateTable('users').set({ directory_id: erikRow.id }).where('email', '=', `agent-${a.person('erik.nilsson').email}`).execute();
      const mei = await viewOf(await open(erikAgent, 'mei.wong'), 201);
      expect((await problemOf(await step(erikAgent, mei.id, 'verifications/manager'), 409)).detail).toContain("You are this person's manager");
    });
  });
});
