import { DEFAULT_PRIORITY_MATRIX, type PriorityMatrix } from '@deskside/shared';
import { describe, expect, it } from 'vitest';
import { describeEachDialect } from './support/dialects.js';
import { agentAndRequester, signedIn } from './support/people.js';
import { useTestDesk } from './support/test-desk.js';
import { createTicket, expectProblem } from './support/tickets.js';

describeEachDialect('priority', (dialect) => {
  describe('triage edits and overrides', () => {
    const desk = useTestDesk(dialect);
    const agent = () => signedIn(desk, { role: 'agent', groupNames: ['Service Desk'] });

    it('recomputes priority from the matrix when impact or urgency changes, recording before/after', async () => {
      const { api } = await agent();
      let t = await createTicket(api, { impact: 3, urgency: 2 });
      expect(t.priority).toBe('P4');
      t = await api.updateTicket(t.id, { impact: 1 }, t.version);
      expect(t).toMatchObject({ impact: 1, urgency: 2, priority: 'P2' });
      t = await api.updateTicket(t.id, { urgency: 1 }, t.version);
      expect(t).toMatchObject({ impact: 1, urgency: 1, priority: 'P1' });

      const changes = (await api.ticketEvents(t.id)).items.filter((e) => e.type === 'field_changed').map((e) => e.data);
      expect(changes).toEqual([
        { field: 'impact', before: 3, after: 1 },
        { field: 'priority', before: 'P4', after: 'P2' },
        { field: 'urgency', before: 2, after: 1 },
        { field: 'priority', before: 'P2', after: 'P1' },
      ]);
    });

    it('refuses an override without a reason (400) and changes nothing', async () => {
      const { api } = await agent();
      const t = await createTicket(api, { impact: 3, urgency: 3 });
      const noReason = await expectProblem(api.request('PATCH', `/api/v1/tickets/${t.id}`, { priorityOverride: { priority: 'P1' } }), 400);
      expect(noReason.errors?.map((e) => e.field)).toContain('body.priorityOverride.reason');
      const blank = await expectProblem(api.updateTicket(t.id, { priorityOverride: { priority: 'P1', reason: '   ' } }), 400);
      expect(blank.errors?.map((e) => e.field)).toContain('body.priorityOverride.reason');
      expect(await api.getTicket(t.id)).toMatchObject({ priority: 'P4', priorityOverride: null, version: t.version });
    });

    it('records an override with its reason on the timeline; it holds until cleared', async () => {
      const { agent: a, requester: r } = await agentAndRequester(desk);
      let t = await createTicket(r.api, { impact: 3, urgency: 3 });
      const reason = 'CEO cannot present at the board meeting in 20 minutes';
      t = await a.api.updateTicket(t.id, { priorityOverride: { priority: 'P1', reason } }, t.version);
      expect(t).toMatchObject({ priority: 'P1', priorityOverride: { priority: 'P1', reason } });

      const override = (await a.api.ticketEvents(t.id)).items.filter((e) => e.type === 'field_changed').at(-1)!;
      expect(override).toMatchObject({ body: reason, data: { field: 'priority', before: 'P4', after: 'P1' }, actor: { id: a.person.id } });

      t = await a.api.updateTicket(t.id, { urgency: 2 }, t.version);
      expect(t).toMatchObject({ urgency: 2, priority: 'P1' });
      t = await a.api.updateTicket(t.id, { priorityOverride: null }, t.version);
      expect(t).toMatchObject({ priority: 'P4', priorityOverride: null });

      // The requester sees the priority, not the desk's triage reasoning.
      const seen = await r.api.getTicket(t.id);
      expect(seen.priority).toBe('P4');
      expect(JSON.stringify(await r.api.ticketEvents(t.id))).not.toContain(reason);
    });

    it('a requester cannot change impact, urgency or priority (403)', async () => {
      const { requester: r } = await agentAndRequester(desk);
      const t = await createTicket(r.api, { impact: 3, urgency: 3 });
      await expectProblem(r.api.updateTicket(t.id, { impact: 1 }), 403);
      await expectProblem(r.api.updateTicket(t.id, { priorityOverride: { priority: 'P1', reason: 'I am important' } }), 403);
      expect(await r.api.getTicket(t.id)).toMatchObject({ impact: 3, priority: 'P4', version: t.version });
    });
  });

  describe('an admin-edited matrix', () => {
    const desk = useTestDesk(dialect);

    it('applies to tickets opened after the change, not to existing ones', async () => {
      const admin = await signedIn(desk, { role: 'admin' });
      const agent = await signedIn(desk, { role: 'agent', groupNames: ['Service Desk'] });
      const before = await createTicket(agent.api, { impact: 2, urgency: 3 });
      expect(before.priority).toBe('P4');
      const stricter: PriorityMatrix = [
        ['P1', 'P1', 'P2'],
        ['P1', 'P2', 'P3'],
        ['P2', 'P3', 'P4'],
      ];
      expect((await admin.api.updateSettings({ priorityMatrix: stricter })).priorityMatrix).toEqual(stricter);
      expect((await agent.api.settings()).priorityMatrix).toEqual(stricter);
      const after = await createTicket(agent.api, { impact: 2, urgency: 3 });
      expect(after.priority).toBe('P3');
      expect((await createTicket(agent.api, { impact: 1, urgency: 2 })).priority).toBe('P1');
      expect((await agent.api.getTicket(before.id)).priority).toBe('P4');
    });

    it('refuses an incoherent matrix with 422 naming the cell, keeping the old one', async () => {
      const admin = await signedIn(desk, { role: 'admin' });
      const current = (await admin.api.settings()).priorityMatrix;
      const incoherent = structuredClone(DEFAULT_PRIORITY_MATRIX);
      incoherent[2][2] = 'P1';
      const problem = await expectProblem(admin.api.updateSettings({ priorityMatrix: incoherent }), 422);
      expect(problem.errors?.[0]?.field).toBe('priorityMatrix');
      expect(problem.detail).toContain('impact low × urgency low (P1) outranks');
      expect((await admin.api.settings()).priorityMatrix).toEqual(current);
    });

    it('only admins edit the matrix (403 for an agent)', async () => {
      const agent = await signedIn(desk, { role: 'agent', groupNames: ['Service Desk'] });
      const current = (await agent.api.settings()).priorityMatrix;
      await expectProblem(agent.api.updateSettings({ priorityMatrix: DEFAULT_PRIORITY_MATRIX }), 403);
      expect((await agent.api.settings()).priorityMatrix).toEqual(current);
    });
  });
});
