import { describe, expect, it } from 'vitest';
import { autoCloseTickets } from '../src/modules/tickets/index.js';
import { describeEachDialect } from './support/dialects.js';
import { storedEvents } from './support/db.js';
import { agentAndRequester, signedIn } from './support/people.js';
import { useTestDesk } from './support/test-desk.js';
import { acknowledge, createTicket, expectProblem, resolvedTicket } from './support/tickets.js';

const DAY = 24 * 60 * 60 * 1000;

describeEachDialect('confirming, reopening and auto-closing', (dialect) => {
  describe('with the default settings', () => {
    const desk = useTestDesk(dialect);

    it('only the requester confirms: an agent gets 403, another requester 404, and nothing changes', async () => {
      const { agent, requester } = await agentAndRequester(desk);
      const stranger = await signedIn(desk);
      const t = await resolvedTicket(agent.api, await createTicket(requester.api));
      const agentTry = await expectProblem(agent.api.confirm(t.id), 403);
      expect(agentTry.detail).toMatch(/confirm/);
      await expectProblem(stranger.api.confirm(t.id), 404);
      expect(await agent.api.getTicket(t.id)).toMatchObject({ status: 'resolved', version: t.version, confirmedAt: null });
      expect((await requester.api.confirm(t.id, t.version)).status).toBe('closed');
    });

    it('a requester cannot confirm a ticket that is not resolved yet (409)', async () => {
      const { agent, requester } = await agentAndRequester(desk);
      const t = await acknowledge(agent.api, await createTicket(requester.api));
      const problem = await expectProblem(requester.api.confirm(t.id), 409);
      expect(problem.allowed).toEqual(['in_progress', 'pending', 'restored', 'resolved']);
    });

    it('reopening within the window goes back to work, clears both clocks and counts each reopen', async () => {
      const { agent, requester } = await agentAndRequester(desk);
      let t = await resolvedTicket(agent.api, await createTicket(requester.api));
      t = await requester.api.reopen(t.id, { reason: 'It broke again after lunch' }, t.version);
      expect(t).toMatchObject({ status: 'in_progress', reopenCount: 1, restoredAt: null, resolvedAt: null, autoCloseAt: null });

      t = await agent.api.resolve(t.id, { symptom: 's', cause: 'c', resolution: 'r', category: 'Network' }, t.version);
      t = await requester.api.confirm(t.id, t.version);
      t = await agent.api.reopen(t.id, { reason: 'Same fault reported by phone' }, t.version);
      expect(t).toMatchObject({ status: 'in_progress', reopenCount: 2, closedAt: null, confirmedAt: null });

      const reopened = (await agent.api.ticketEvents(t.id)).items.filter((e) => e.type === 'reopened');
      expect(reopened.map((e) => e.body)).toEqual(['It broke again after lunch', 'Same fault reported by phone']);
    });

    it('a resolved ticket goes back to work only by reopen: start and accept answer 409 and are not offered', async () => {
      const { agent, requester } = await agentAndRequester(desk);
      const t = await resolvedTicket(agent.api, await createTicket(requester.api));
      expect(t.abilities).toContain('reopen');
      expect(t.abilities).not.toContain('start');
      expect(t.abilities).not.toContain('accept');
      const started = await expectProblem(agent.api.start(t.id), 409);
      expect(started.allowed).toEqual(['closed', 'in_progress']);
      expect(started.detail).toMatch(/reopen/);
      await expectProblem(agent.api.accept(t.id), 409);
      expect(await agent.api.getTicket(t.id)).toMatchObject({ status: 'resolved', reopenCount: 0, version: t.version });
    });

    it('refuses to reopen outside the window (409) and changes nothing', async () => {
      const { agent, requester } = await agentAndRequester(desk);
      const t = await resolvedTicket(agent.api, await createTicket(requester.api));
      // Fifteen days ago, one past the default 14-day window.
      await desk.db.updateTable('tickets').set({ resolved_at: Date.now() - 15 * DAY }).where('id', '=', t.id).execute();
      const problem = await expectProblem(requester.api.reopen(t.id, { reason: 'again' }), 409);
      expect(problem.detail).toMatch(/14 days/);
      expect(await requester.api.getTicket(t.id)).toMatchObject({ status: 'resolved', reopenCount: 0, version: t.version });
    });

    it('cannot reopen a ticket that is still open (409), nor count a reopen for it', async () => {
      const { agent, requester } = await agentAndRequester(desk);
      const t = await acknowledge(agent.api, await createTicket(requester.api));
      for (const api of [requester.api, agent.api]) await expectProblem(api.reopen(t.id, { reason: 'x' }), 409);
      expect(await agent.api.getTicket(t.id)).toMatchObject({ status: 'acknowledged', reopenCount: 0, version: t.version });
    });

    it('auto-closes a resolved ticket whose auto-close time has passed, with an auto_closed event', async () => {
      const { agent, requester } = await agentAndRequester(desk);
      const due = await resolvedTicket(agent.api, await createTicket(requester.api));
      const notYet = await resolvedTicket(agent.api, await createTicket(requester.api));
      expect(Date.parse(due.autoCloseAt!) - Date.parse(due.resolvedAt!)).toBe(5 * DAY);
      await desk.db.updateTable('tickets').set({ auto_close_at: Date.now() - 1000 }).where('id', '=', due.id).execute();

      const closed = await autoCloseTickets(desk.db, Date.now());
      expect(closed).toBeGreaterThanOrEqual(1);
      const after = await agent.api.getTicket(due.id);
      expect(after).toMatchObject({ status: 'closed', confirmedAt: null, autoCloseAt: null, version: due.version + 1 });
      expect(after.closedAt).not.toBeNull();
      expect((await agent.api.getTicket(notYet.id)).status).toBe('resolved');

      const events = await requester.api.ticketEvents(due.id);
      const auto = events.items.filter((e) => e.type === 'auto_closed');
      expect(auto).toHaveLength(1);
      expect(auto[0]).toMatchObject({ actor: null, visibility: 'public', data: { from: 'resolved', to: 'closed' } });

      // A second sweep finds nothing more to do for this ticket.
      await autoCloseTickets(desk.db, Date.now());
      expect((await storedEvents(desk.db, due.id)).filter((e) => e.type === 'auto_closed')).toHaveLength(1);
    });
  });

  describe('with the reopen window set to 0 days', () => {
    const desk = useTestDesk(dialect);

    it('refuses any reopen once the admin closes the window', async () => {
      const admin = await signedIn(desk, { role: 'admin' });
      const settings = await admin.api.updateSettings({ reopenWindowDays: 0 });
      expect(settings.reopenWindowDays).toBe(0);
      const { agent, requester } = await agentAndRequester(desk);
      const t = await resolvedTicket(agent.api, await createTicket(requester.api));
      await new Promise((r) => setTimeout(r, 5));
      await expectProblem(requester.api.reopen(t.id, { reason: 'again' }), 409);
      expect((await requester.api.getTicket(t.id)).status).toBe('resolved');
    });

    it('only admins change settings', async () => {
      const lead = await signedIn(desk, { role: 'lead' });
      await expectProblem(lead.api.updateSettings({ reopenWindowDays: 30 }), 403);
      expect((await lead.api.settings()).reopenWindowDays).toBe(0);
    });
  });
});
