import { ApiClient, type ApiError, type CreateSlaPolicyInput, type Group, type SlaPolicyTargets } from '@deskside/shared';
import { describe, expect, it } from 'vitest';
import type { DomainError } from '../src/errors.js';
import { type Actor, updatePerson } from '../src/modules/identity/index.js';
import { describeEachDialect } from './support/dialects.js';
import { signedIn, signIn, tokenClient } from './support/people.js';
import { useTestDesk, type TestDesk } from './support/test-desk.js';
import { createTicket, expectProblem } from './support/tickets.js';

const same = { firstResponse: 30, nextUpdate: 120, restore: 240, resolve: 960 };
const strict = { firstResponse: 5, nextUpdate: 30, restore: 60, resolve: 240 };
const vipTargets: SlaPolicyTargets = { P1: strict, P2: strict, P3: strict, P4: same };

async function groupNamed(api: ApiClient, name: string): Promise<Group> {
  const group = (await api.groups()).items.find((g) => g.name === name);
  if (!group) throw new Error(`test setup: no group named ${name}`);
  return group;
}

/** The login a browser makes, answering with the problem's detail (or "ok"). */
async function tryLogin(desk: TestDesk, email: string, password: string): Promise<string> {
  const client = new ApiClient({ baseUrl: desk.baseUrl, fetch: desk.fetch });
  return client.login({ email, password }).then(
    () => 'ok',
    (e: unknown) => (e instanceof Error ? e.message : String(e)),
  );
}

describeEachDialect('people administration', (dialect) => {
  const desk = useTestDesk(dialect);

  it('an admin changes role, groups and VIP; each change is versioned and audited', async () => {
    const { api: admin, person: me } = await signedIn(desk, { role: 'admin' });
    const { person } = await signedIn(desk, { role: 'agent', groupNames: ['Service Desk'] });
    const network = await groupNamed(admin, 'Network');
    const before = await admin.person(person.id);
    expect(before).toMatchObject({ role: 'agent', vip: false, active: true, groupIds: person.groupIds });

    const changed = await admin.updatePerson(person.id, { role: 'lead', groupIds: [network.id], vip: true }, before.version);
    expect(changed).toMatchObject({ id: person.id, role: 'lead', groupIds: [network.id], vip: true, active: true, version: before.version + 1 });
    expect(await admin.person(person.id)).toEqual(changed);
    const listed = (await admin.people({ q: person.email })).items;
    expect(listed).toEqual([changed]);

    const stale = await expectProblem(admin.updatePerson(person.id, { vip: false }, before.version), 412);
    expect(stale.detail).toMatch(/person changed/);

    const events = (await admin.personEvents(person.id)).items;
    const byType = new Map(events.map((e) => [e.type, e]));
    expect(byType.get('role_changed')).toMatchObject({ actor: { id: me.id, name: me.name }, data: { from: 'agent', to: 'lead' } });
    expect(byType.get('vip_changed')?.data).toEqual({ from: false, to: true });
    expect(byType.get('groups_changed')?.data).toEqual({ added: [network.id], removed: person.groupIds });
    expect(byType.get('created')).toMatchObject({ actor: null, data: { role: 'agent' } });
  });

  it('an admin adds a VIP person through the API; the trail names the admin', async () => {
    const { api: admin, person: me } = await signedIn(desk, { role: 'admin' });
    const network = await groupNamed(admin, 'Network');
    const email = `vip-${dialect}-${Date.now()}@example.test`;
    const added = await admin.createUser({ email, name: 'Vera Ip', role: 'requester', groupIds: [network.id], vip: true });
    expect(added).toMatchObject({ email, role: 'requester', groupIds: [network.id], vip: true, active: true, version: 1 });
    const [created] = (await admin.personEvents(added.id)).items;
    expect(created).toMatchObject({ type: 'created', actor: { id: me.id }, data: { role: 'requester', groupIds: [network.id], vip: true } });
  });

  it('only admins change people, see deactivated people and read the trail', async () => {
    const { api: agent } = await signedIn(desk, { role: 'agent', groupNames: ['Service Desk'] });
    const { api: admin, person: target } = await signedIn(desk, { role: 'admin' });
    await expectProblem(agent.updatePerson(target.id, { vip: true }), 403);
    await expectProblem(agent.personEvents(target.id), 403);
    await expectProblem(agent.people({ status: 'any' }), 403);
    const reader = await admin.createToken({ name: 'reader', scopes: ['people:read'] });
    await expectProblem(tokenClient(desk, reader.token).updatePerson(target.id, { vip: true }), 403);
    expect((await agent.person(target.id)).id).toBe(target.id);
    await expectProblem(admin.updatePerson(999_999, { vip: true }), 404);
  });

  it('refuses self-demotion, self-deactivation, unknown groups and unknown fields', async () => {
    const { api: admin, person: me } = await signedIn(desk, { role: 'admin' });
    const demote = await expectProblem(admin.updatePerson(me.id, { role: 'lead' }), 409);
    expect(demote.detail).toMatch(/your own admin role/);
    const leave = await expectProblem(admin.updatePerson(me.id, { active: false }), 409);
    expect(leave.detail).toMatch(/deactivate yourself/);
    expect(await admin.updatePerson(me.id, { name: 'Still An Admin' })).toMatchObject({ role: 'admin', active: true, name: 'Still An Admin' });

    const { person } = await signedIn(desk, { role: 'agent' });
    const unknown = await expectProblem(admin.updatePerson(person.id, { groupIds: [999_999] }), 422);
    expect(unknown.errors?.[0]?.field).toBe('groupIds');
    expect(unknown.detail).toMatch(/999999/);
    const extra = await expectProblem(admin.updatePerson(person.id, { email: 'x@example.test' } as never), 400);
    expect(extra.errors?.[0]).toMatchObject({ field: 'body.email', message: 'unknown field' });
    expect((await admin.person(person.id)).groupIds).toEqual([]);
  });

  it("a deactivated person's session and token stop at once and sign-in fails like a wrong password", async () => {
    const { api: admin } = await signedIn(desk, { role: 'admin' });
    const { api: agent, person } = await signedIn(desk, { role: 'agent', groupNames: ['Service Desk'] });
    const issued = await agent.createToken({ name: 'integration', scopes: ['tickets:read'] });
    const bearer = tokenClient(desk, issued.token);
    await bearer.listTickets(); // caches the token's actor (decision 0013)
    const wrongPassword = await tryLogin(desk, person.email, 'not the right password');

    const off = await admin.updatePerson(person.id, { active: false });
    expect(off.active).toBe(false);
    await expectProblem(agent.listTickets(), 401);
    await expectProblem(bearer.listTickets(), 401);
    expect(await tryLogin(desk, person.email, person.password)).toBe(wrongPassword);
    expect((await admin.people({ q: person.email })).items).toEqual([]);
    expect((await admin.people({ q: person.email, status: 'inactive' })).items.map((p) => p.id)).toEqual([person.id]);

    // Reactivation restores sign-in, not the old credentials.
    await admin.updatePerson(person.id, { active: true });
    const back = await signIn(desk, person.email, person.password);
    expect((await back.me()).user).toMatchObject({ id: person.id, active: true });
    await expectProblem(bearer.listTickets(), 401);
    expect((await admin.personEvents(person.id)).items.map((e) => e.type).slice(0, 2)).toEqual(['reactivated', 'deactivated']);
  });

  it('a VIP set through the API makes their next ticket run on the VIP-only policy', async () => {
    const { api: admin } = await signedIn(desk, { role: 'admin' });
    const { api: agent } = await signedIn(desk, { role: 'agent', groupNames: ['Service Desk'] });
    const { person: requester } = await signedIn(desk, { role: 'requester' });
    const calendar = (await admin.calendars()).items.find((c) => c.alwaysOpen)!;
    const input: CreateSlaPolicyInput = { name: `VIP ${dialect}`, calendarId: calendar.id, targets: vipTargets, conditions: { vipOnly: true }, position: 0 };
    const vipPolicy = await admin.createSlaPolicy(input);

    const plain = await createTicket(agent, { requesterId: requester.id });
    expect(plain.sla?.policy.id).not.toBe(vipPolicy.id);
    await admin.updatePerson(requester.id, { vip: true });
    const vip = await createTicket(agent, { requesterId: requester.id });
    expect(vip.sla?.policy).toEqual({ id: vipPolicy.id, name: vipPolicy.name });
  });

  it('a site set on a person is audited, can be cleared, and steers their tickets to a policy for that site', async () => {
    const { api: admin } = await signedIn(desk, { role: 'admin' });
    const { api: agent } = await signedIn(desk, { role: 'agent', groupNames: ['Service Desk'] });
    const { person: requester } = await signedIn(desk, { role: 'requester' });
    const calendar = (await admin.calendars()).items.find((c) => c.alwaysOpen)!;
    const site = `Plant ${dialect} ${Date.now()}`;
    const plantPolicy = await admin.createSlaPolicy({
      name: `Plant ${dialect}`, calendarId: calendar.id, targets: vipTargets, conditions: { requesterSites: [site.toUpperCase()] }, position: 0,
    });
    expect((await createTicket(agent, { requesterId: requester.id })).sla?.policy.id).not.toBe(plantPolicy.id);

    const moved = await admin.updatePerson(requester.id, { site: `  ${site} ` });
    expect(moved.site).toBe(site);
    // Letter case does not matter: the policy names the site in capitals.
    expect((await createTicket(agent, { requesterId: requester.id })).sla?.policy.id).toBe(plantPolicy.id);
    const [latest] = (await admin.personEvents(requester.id)).items;
    expect(latest).toMatchObject({ type: 'site_changed', data: { from: null, to: site } });

    expect((await admin.updatePerson(requester.id, { site: null })).site).toBeNull();
    expect((await createTicket(agent, { requesterId: requester.id })).sla?.policy.id).not.toBe(plantPolicy.id);
    await expectProblem(admin.updatePerson(requester.id, { site: '   ' }), 400);
  });

  describe('on a desk with two admins', () => {
    const lone = useTestDesk(dialect);

    it('the last active admin cannot be demoted or deactivated, even by two admins at once', async () => {
      const a = await signedIn(lone, { role: 'admin' });
      const b = await signedIn(lone, { role: 'admin' });
      const results = await Promise.allSettled([
        a.api.updatePerson(b.person.id, { role: 'agent' }),
        b.api.updatePerson(a.person.id, { active: false }),
      ]);
      // The loser is refused as the last admin (409), or as no admin at all if its request came in after the winner's commit (403).
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const refused = results.find((r) => r.status === 'rejected')?.reason as ApiError;
      expect([403, 409]).toContain(refused.status);
      const activeAdmins = (await a.api.people({ role: 'admin' })).items.concat((await b.api.people({ role: 'admin' }).catch(() => ({ items: [] }))).items);
      expect(new Set(activeAdmins.map((p) => p.id)).size).toBe(1);
    });
  });

  describe('on another desk with two admins', () => {
    const lone = useTestDesk(dialect);

    it('an admin demoted mid-request cannot then remove the other, last admin', async () => {
      const a = await signedIn(lone, { role: 'admin' });
      const b = await signedIn(lone, { role: 'admin' });
      const asSeenBeforeDemotion: Actor = { id: b.person.id, name: b.person.name, email: b.person.email, role: 'admin', groupIds: [], scopes: null };
      await a.api.updatePerson(b.person.id, { role: 'agent' });
      const refused = await updatePerson(lone.db, { actor: asSeenBeforeDemotion, id: a.person.id, changes: { active: false }, expectedVersion: undefined, now: Date.now() }).then(
        () => null,
        (e: unknown) => e as DomainError,
      );
      expect([refused?.status, refused?.message]).toEqual([409, `${a.person.name} is the last active admin; make someone else an admin first`]);
      expect(await a.api.person(a.person.id)).toMatchObject({ role: 'admin', active: true });
    });
  });
});
