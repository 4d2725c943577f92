import { createHash } from 'node:crypto';
import {
  DEFAULT_ACCESS_POLICY,
  type AccessPolicy,
  type AccessPolicyVersion,
  type AccessPolicyVersionList,
  type AccessRequestView,
  type AuditAdminChange,
  type Problem,
} from '@deskside/shared';
import { beforeAll, expect, it } from 'vitest';
import { listAuditEntries, verifyAuditChain } from '../src/modules/audit/index.js';
import { findDirectoryConnection, syncDirectory } from '../src/modules/directory-sync/index.js';
import { countRows } from './support/db.js';
import { describeEachDialect } from './support/dialects.js';
import { createPerson, signedIn, signIn, type SessionClient } from './support/people.js';
import { GROUPS_BASE, PEOPLE_BASE, SERVICE_DN } from './support/slapd-directory.js';
import { describeWithSlapd, useSlapd } from './support/slapd.js';
import { useTestDesk, type TestDesk } from './support/test-desk.js';
import { createTicket } from './support/tickets.js';
import { Authenticator } from './support/totp.js';

const URL = '/api/v1/admin/access-policy';
const DAY = 24 * 60 * 60 * 1000;
type ProblemWithErrors = Problem & { errors?: { field: string; message: string }[] };

async function call<T>(api: SessionClient, method: string, path: string, body?: unknown, ifMatch?: string) {
  const headers: Record<string, string> = {};
  if (ifMatch !== undefined) headers['if-match'] = ifMatch;
  const res = await api.raw(path, { method, body: body === undefined ? undefined : JSON.stringify(body), headers, csrf: method !== 'GET' });
  const text = await res.text();
  return { status: res.status, etag: res.headers.get('etag'), json: (text ? JSON.parse(text) : undefined) as T };
}

/** The default policy with one rule changed: the smallest real edit. */
function withRule(action: keyof AccessPolicy['rules'], tier: 'standard' | 'privileged', change: Record<string, unknown>): AccessPolicy {
  const policy = structuredClone(DEFAULT_ACCESS_POLICY);
  Object.assign(policy.rules[action][tier], change);
  return policy;
}

const publish = (api: SessionClient, policy: unknown, note: string, ifMatch?: string) =>
  call<AccessPolicyVersion & ProblemWithErrors>(api, 'PUT', URL, { policy, note }, ifMatch);

/** The access policy's admin-change entries of the audit log, oldest first (agents' two-factor set-ups are chained too). */
async function policyEntries(desk: TestDesk): Promise<AuditAdminChange[]> {
  const records = (await listAuditEntries(desk.db, { limit: 200 })).items;
  return records.flatMap(({ entry }) => ('kind' in entry && entry.subject === 'access_policy' ? [entry] : [])).reverse();
}

describeEachDialect('the access policy as published versions', (dialect) => {
  const desk = useTestDesk(dialect);
  let admin: SessionClient;
  let adminId: number;
  beforeAll(async () => {
    const signed = await signedIn(desk, { role: 'admin' });
    admin = signed.api;
    adminId = signed.person.id;
  });

  it('has the built-in policy in force as version 0 while nothing is published', async () => {
    const res = await call<AccessPolicyVersion>(admin, 'GET', URL);
    expect(res.status).toBe(200);
    expect(res.etag).toBe('"0"');
    expect(res.json).toMatchObject({ version: 0, builtIn: true, publishedBy: null });
    expect(res.json.policy).toEqual(DEFAULT_ACCESS_POLICY);
    const versions = await call<AccessPolicyVersionList>(admin, 'GET', `${URL}/versions`);
    expect(versions.json.items.map((v) => v.version)).toEqual([0]);
    expect((await call(admin, 'GET', `${URL}/versions/1`)).status).toBe(404);
  });

  it('refuses everyone but admins: agents, leads and requesters 403, signed-out 401, no route edits or deletes a version', async () => {
    for (const role of ['agent', 'lead', 'requester'] as const) {
      const other = (await signedIn(desk, { role, groupNames: role === 'requester' ? [] : ['Service Desk'] })).api;
      expect((await call(other, 'GET', URL)).status, role).toBe(403);
      expect((await call(other, 'GET', `${URL}/versions`)).status, role).toBe(403);
      expect((await call(other, 'GET', `${URL}/versions/0`)).status, role).toBe(403);
      expect((await publish(other, withRule('unlock_account', 'standard', { methodsRequired: 2 }), 'mine', '"0"')).status, role).toBe(403);
    }
    expect((await desk.fetch(`${desk.baseUrl}${URL}`)).status).toBe(401);
    for (const method of ['POST', 'PATCH', 'DELETE']) {
      expect([404, 405], method).toContain((await call(admin, method, `${URL}/versions/0`, method === 'DELETE' ? undefined : { note: 'x' })).status);
    }
    expect(await countRows(desk.db, 'access_policies')).toBe(0);
  });

  it('refuses an invalid draft with 400 naming the field, and changes nothing', async () => {
    const chainBefore = await verifyAuditChain(desk.db);
    const refusals: [unknown, string, RegExp][] = [
      [withRule('unlock_account', 'privileged', { approversRequired: 1 }), 'body.policy.rules.unlock_account.privileged.approversRequired', /at least 2 approvers/],
      [withRule('reset_password', 'standard', { methods: ['callback_of_record', 'date_of_birth'] }), 'body.policy.rules.reset_password.standard.methods.1', /knowledge question/],
      [withRule('reset_mfa', 'standard', { methods: ['in_person_id'], methodsRequired: 2 }), 'body.policy.rules.reset_mfa.standard.methodsRequired', /must not exceed/],
      [withRule('unlock_account', 'standard', { methods: [] }), 'body.policy.rules.unlock_account.standard.methods', /.+/],
      [{ ...DEFAULT_ACCESS_POLICY, breakGlass: { approversRequired: 1, minReasonLength: 20 } }, 'body.policy.breakGlass.approversRequired', /.+/],
      [{ ...DEFAULT_ACCESS_POLICY, verificationFreshMinutes: 0 }, 'body.policy.verificationFreshMinutes', /.+/],
      [{ ...DEFAULT_ACCESS_POLICY, vipBypass: true }, 'body.policy.vipBypass', /unknown field/],
    ];
    for (const [policy, field, message] of refusals) {
      const res = await publish(admin, policy, 'Trying something that must not pass', '"0"');
      expect(res.status, field).toBe(400);
      const error = res.json.errors?.find((e) => e.field === field);
      expect(error, `${field} in ${JSON.stringify(res.json.errors)}`).toBeDefined();
      expect(error!.message).toMatch(message);
    }
    // A note is required too.
    expect((await publish(admin, withRule('unlock_account', 'standard', { methodsRequired: 2 }), '  ', '"0"')).json.errors?.[0]?.field).toBe('body.note');
    expect(await countRows(desk.db, 'access_policies')).toBe(0);
    expect((await call<AccessPolicyVersion>(admin, 'GET', URL)).json.version).toBe(0);
    expect(await verifyAuditChain(desk.db)).toEqual(chainBefore);
  });

  it('publishes version 1 with a note; the audit chain records the changed settings and the stored content hash', async () => {
    const stricter = withRule('unlock_account', 'standard', { methodsRequired: 2 });
    stricter.callbackQuietDays = 14;
    const missing = await publish(admin, stricter, 'Unlocks are being abused');
    expect(missing.status).toBe(428);
    expect(await countRows(desk.db, 'access_policies')).toBe(0);

    const res = await publish(admin, stricter, 'Unlocks are being abused: two methods from now on', '"0"');
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.etag).toBe('"1"');
    expect(res.json).toMatchObject({ version: 1, builtIn: false, note: 'Unlocks are being abused: two methods from now on', publishedBy: { id: adminId } });
    expect(res.json.policy.rules.unlock_account.standard.methodsRequired).toBe(2);

    const current = await call<AccessPolicyVersion>(admin, 'GET', URL);
    expect([current.etag, current.json.version, current.json.policy]).toEqual(['"1"', 1, stricter]);
    const versions = await call<AccessPolicyVersionList>(admin, 'GET', `${URL}/versions`);
    expect(versions.json.items.map((v) => [v.version, v.note])).toEqual([[1, 'Unlocks are being abused: two methods from now on'], [0, expect.any(String)]]);
    expect((await call<AccessPolicyVersion>(admin, 'GET', `${URL}/versions/0`)).json.policy).toEqual(DEFAULT_ACCESS_POLICY);

    const row = await desk.db.selectFrom('access_policies').selectAll().where('version', '=', 1).executeTakeFirstOrThrow();
    const [entry] = (await policyEntries(desk)).slice(-1);
    expect(entry).toMatchObject({ kind: 'admin_change', subject: 'access_policy', version: 1, note: row.note, actor: { userId: adminId } });
    expect(entry!.changes).toEqual([
      { field: 'rules.unlock_account.standard.methodsRequired', before: 1, after: 2 },
      { field: 'callbackQuietDays', before: 7, after: 14 },
    ]);
    expect(entry!.contentHash).toBe(row.content_hash);
    expect(createHash('sha256').update(row.policy).digest('hex')).toBe(row.content_hash);
    expect((await verifyAuditChain(desk.db)).ok).toBe(true);
  });

  it('answers 412 to a publish made from an older version, and lets one of two racing publishes win', async () => {
    const stale = await publish(admin, withRule('reset_password', 'standard', { methodsRequired: 2 }), 'From an old tab', '"0"');
    expect(stale.status).toBe(412);
    expect(stale.json.detail).toContain('version 1');
    const current = (await call<AccessPolicyVersion>(admin, 'GET', URL)).json;
    const a = structuredClone(current.policy);
    a.velocity.actionsPerAgentPerHour = 10;
    const b = structuredClone(current.policy);
    b.velocity.actionsPerAgentPerHour = 12;
    const results = await Promise.all([publish(admin, a, 'Admin A', '"1"'), publish(admin, b, 'Admin B', '"1"')]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 412]);
    expect(await countRows(desk.db, 'access_policies')).toBe(2);
    expect((await verifyAuditChain(desk.db)).ok).toBe(true);
    expect((await policyEntries(desk)).map((e) => e.version)).toEqual([1, 2]);
  });

  it('refuses to publish a copy of the policy in force, and the table refuses edits and deletes', async () => {
    const current = (await call<AccessPolicyVersion>(admin, 'GET', URL)).json;
    const same = await publish(admin, current.policy, 'Nothing really', `"${current.version}"`);
    expect(same.status).toBe(422);
    await expect(desk.db.updateTable('access_policies').set({ note: 'rewritten' }).where('version', '=', 1).execute()).rejects.toThrow(/append-only/);
    await expect(desk.db.deleteFrom('access_policies').where('version', '=', 1).execute()).rejects.toThrow(/append-only/);
  });
});

describeEachDialect('the access policy and identity-action requests', (dialect) => {
  describeWithSlapd('requests take the policy in force when they are opened, against a real slapd', () => {
    const slapd = useSlapd();
    const desk = useTestDesk(dialect);
    let admin: SessionClient;
    let agent: SessionClient;
    let ticketId: number;
    const person = (uid: string) => slapd.fixture.people[uid]!;
    const open = async (uid: string) => {
      const res = await call<AccessRequestView>(agent, 'POST', `/api/v1/tickets/${ticketId}/access-requests`, {
        action: { type: 'unlock_account' }, targetDirectoryId: person(uid).id, note: 'Locked out after the holidays',
      });
      expect(res.status, JSON.stringify(res.json)).toBe(201);
      return res.json;
    };
    const read = async (id: string) => (await call<AccessRequestView>(agent, 'GET', `/api/v1/access-requests/${id}`)).json;
    const callback = (id: string) => call<AccessRequestView>(agent, 'POST', `/api/v1/access-requests/${id}/verifications/callback`, {});

    beforeAll(async () => {
      admin = (await signedIn(desk, { role: 'admin' })).api;
      const requester = (await signedIn(desk, { role: 'requester' })).api;
      const p = await createPerson(desk, { role: 'agent', groupNames: ['Service Desk'] });
      agent = await signIn(desk, p.email, p.password);
      const { secret } = await agent.startTotpEnrolment();
      await agent.confirmTotpEnrolment(await new Authenticator(secret).fresh());
      const res = await call(admin, 'PUT', '/api/v1/admin/directory', {
        kind: 'ldap', enabled: true, syncIntervalMinutes: 60,
        ldap: { url: slapd.url, startTls: false, bindDn: SERVICE_DN, bindPassword: slapd.fixture.servicePassword, peopleBaseDn: PEOPLE_BASE, groupsBaseDn: GROUPS_BASE, privilegedGroupIds: [slapd.fixture.groups['Privileged']!.id] },
      });
      expect(res.status, JSON.stringify(res.json)).toBe(200);
      const row = await findDirectoryConnection(desk.db);
      const outcome = await syncDirectory(desk.ctx, row!.id);
      expect(outcome.ran && outcome.error).toBeNull();
      // The fixture was loaded today, so every number "changed" today; these have been stable for a month.
      for (const uid of ['diego.alvarez', 'erik.nilsson', 'lucas.moreau', 'amara.okafor']) {
        await desk.db.updateTable('directory_people').set({ phone_changed_at: Date.now() - 30 * DAY }).where('immutable_id', '=', person(uid).id).execute();
      }
      ticketId = (await createTicket(requester, { subject: 'Cannot sign in', description: 'My account says it is locked.' })).id;
    });

    it('a stricter published policy applies to a request opened afterwards; the one opened before keeps its requirements', async () => {
      const before = await open('diego.alvarez');
      expect(before.requirements).toMatchObject({ methodsRequired: 1, approversRequired: 0, policyVersion: 0 });
      expect(before.target.tier).toBe('standard');

      const stricter = withRule('unlock_account', 'standard', { methodsRequired: 2 });
      stricter.requestLifetimeMinutes = 30;
      const published = await publish(admin, stricter, 'Unlocks take two methods', '"0"');
      expect(published.status, JSON.stringify(published.json)).toBe(200);

      const after = await open('erik.nilsson');
      expect(after.requirements).toMatchObject({ methodsRequired: 2, approversRequired: 0, policyVersion: 1 });
      expect(Date.parse(after.expiresAt) - Date.parse(after.createdAt)).toBe(30 * 60_000);
      expect((await read(before.id)).requirements).toMatchObject({ methodsRequired: 1, policyVersion: 0 });

      // One callback finishes the older request; the newer one still needs a second method.
      expect((await callback(before.id)).json).toMatchObject({ state: 'verified', missing: [] });
      const newer = (await callback(after.id)).json;
      expect(newer.state).toBe('requested');
      expect(newer.missing.length).toBeGreaterThan(0);
    });

    it('directory groups the policy names make their members privileged targets, with two approvers', async () => {
      const current = (await call<AccessPolicyVersion>(admin, 'GET', URL)).json;
      const before = await open('lucas.moreau');
      expect(before.target.tier).toBe('standard');
      const policy = structuredClone(current.policy);
      policy.privilegedGroupIds = [slapd.fixture.groups['Finance']!.id];
      expect((await publish(admin, policy, 'Finance handles payments: treat it as privileged', `"${current.version}"`)).status).toBe(200);
      const after = await open('amara.okafor');
      expect(after.target.tier).toBe('privileged');
      expect(after.requirements.approversRequired).toBeGreaterThanOrEqual(2);
      expect((await read(before.id)).target.tier).toBe('standard');
      expect((await verifyAuditChain(desk.db)).ok).toBe(true);
    });
  });
});
