import type { DirectoryConnection, DirectoryPeopleList, DirectoryPersonView, Problem } from '@deskside/shared';
import { Attribute, Change, Client } from 'ldapts';
import { beforeAll, expect, it } from 'vitest';
import type { DirectoryPersonRow } from '../src/db/types.js';
import { findDirectoryConnection, syncDirectory } from '../src/modules/directory-sync/index.js';
import { describeEachDialect } from './support/dialects.js';
import { createPerson, signedIn, type SessionClient } from './support/people.js';
import { GROUPS_BASE, PEOPLE_BASE, ROOT_DN, SERVICE_DN } from './support/slapd-directory.js';
import { describeWithSlapd, useSlapd } from './support/slapd.js';
import { useTestDesk } from './support/test-desk.js';

const BASE = '/api/v1/admin/directory';

describeEachDialect('directory sync', (dialect) => {
  describeWithSlapd('people of record from a real slapd', () => {
    const slapd = useSlapd();
    const desk = useTestDesk(dialect);
    let admin: SessionClient;
    let agent: SessionClient;
    let requester: SessionClient;
    let amaraDeskId: number;

    const call = (who: SessionClient, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
      who.raw(path, { method, csrf: method !== 'GET', headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const problemOf = async (res: Response, status: number) => {
      expect(res.status).toBe(status);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      return (await res.json()) as Problem;
    };
    const ldapBody = (overrides: Record<string, unknown> = {}) => ({
      url: slapd.url, startTls: false, bindDn: SERVICE_DN, bindPassword: slapd.fixture.servicePassword,
      peopleBaseDn: PEOPLE_BASE, groupsBaseDn: GROUPS_BASE, privilegedGroupIds: [slapd.fixture.groups['Privileged']!.id], ...overrides,
    });
    const put = async (ldap: Record<string, unknown>, version: string) => {
      const res = await call(admin, 'PUT', BASE, { kind: 'ldap', enabled: true, syncIntervalMinutes: 60, ldap }, { 'if-match': version });
      const text = await res.clone().text();
      expect(text).not.toContain(slapd.fixture.servicePassword);
      return res;
    };
    const sync = async () => {
      const row = await findDirectoryConnection(desk.db);
      const outcome = await syncDirectory(desk.ctx, row!.id);
      if (!outcome.ran) throw new Error(`sync did not run: ${outcome.reason}`);
      return outcome;
    };
    const rowOf = (uid: string) =>
      desk.db.selectFrom('directory_people').selectAll().where('immutable_id', '=', slapd.fixture.people[uid]!.id).executeTakeFirstOrThrow();
    const allRows = () => desk.db.selectFrom('directory_people').selectAll().orderBy('id').execute();
    const withoutSyncTimes = (rows: DirectoryPersonRow[]) => rows.map(({ last_synced_at: _a, contact_observed_at: _b, ...rest }) => rest);

    beforeAll(async () => {
      admin = (await signedIn(desk, { role: 'admin' })).api;
      agent = (await signedIn(desk, { role: 'agent', groupNames: ['Service Desk'] })).api;
      requester = (await signedIn(desk, { role: 'requester' })).api;
      // Someone who already uses the desk, under their directory address in other capitals.
      amaraDeskId = (await createPerson(desk, { role: 'requester', email: 'Amara.Okafor@Meridian.TEST' })).id;
    });

    it('admins configure the connection; the bind password is write-only and validated', async () => {
      await problemOf(await call(agent, 'GET', BASE), 403);
      await problemOf(await call(agent, 'PUT', BASE, { kind: 'manual', enabled: false }), 403);
      const empty = (await (await call(admin, 'GET', BASE)).json()) as DirectoryConnection;
      expect(empty).toMatchObject({ configured: false, version: 0, lastSync: { state: 'never' } });
      await problemOf(await call(admin, 'POST', `${BASE}/test`), 409);
      await problemOf(await call(admin, 'POST', `${BASE}/sync`), 409);

      const bad = await problemOf(await call(admin, 'PUT', BASE, { kind: 'ldap', enabled: true, ldap: ldapBody({ url: 'http://x' }) }), 400);
      expect(JSON.stringify(bad)).toContain('url');
      const missing = await problemOf(await call(admin, 'PUT', BASE, { kind: 'ldap', enabled: true }), 422);
      expect(missing.detail).toContain('ldap');
      const insecure = await problemOf(await put(ldapBody({ url: 'ldap://ldap.example.com' }), '0'), 422);
      expect(insecure.detail).toContain('startTls');
      await problemOf(await call(admin, 'PUT', BASE, { kind: 'ldap', enabled: true, ldap: ldapBody(), extra: 1 }), 400);

      const saved = await put(ldapBody(), '0');
      expect(saved.status).toBe(200);
      const connection = (await saved.json()) as DirectoryConnection;
      expect(connection).toMatchObject({ configured: true, kind: 'ldap', enabled: true, version: 1, ldap: { bindDn: SERVICE_DN, passwordSet: true } });
      expect(Object.keys(connection.ldap!)).not.toContain('bindPassword');
      await problemOf(await put(ldapBody(), '0'), 412);

      // Left out, the password is kept for the same server; a new server URL needs it again.
      const { bindPassword: _kept, ...withoutPassword } = ldapBody();
      expect((await put(withoutPassword, '1')).status).toBe(200);
      await problemOf(await put({ ...withoutPassword, url: 'ldap://localhost:1' }, '2'), 422);
      const stored = await desk.db.selectFrom('directory_connections').select(['bind_password', 'config']).executeTakeFirstOrThrow();
      expect(stored.config).not.toContain(slapd.fixture.servicePassword);

      const test = await call(admin, 'POST', `${BASE}/test`);
      expect(await test.json()).toEqual({ ok: true, error: null });
    });

    it('syncs people, managers, nested groups, privileged, disabled; links desk people by e-mail', async () => {
      const before = Date.now();
      const outcome = await sync();
      expect(outcome.error).toBeNull();
      expect(outcome.counts).toMatchObject({ seen: 15, added: 15, updated: 0, gone: 0, disabled: 1 });

      const tom = await rowOf('tom.becker');
      expect(tom).toMatchObject({ name: 'Tom Becker', email: 'tom.becker@meridian.test', phone: '+44 20 7946 0104', privileged: 1, disabled: 0, locked: 0 });
      expect(tom.manager_immutable_id).toBe(slapd.fixture.people['priya.nair']!.id);
      const groups = JSON.parse(tom.groups) as { id: string; name: string; nested: boolean }[];
      expect(groups).toContainEqual({ id: slapd.fixture.groups['Domain Admins']!.id, name: 'Domain Admins', nested: false });
      expect(groups).toContainEqual({ id: slapd.fixture.groups['Privileged']!.id, name: 'Privileged', nested: true });
      expect(groups).toContainEqual({ id: slapd.fixture.groups['VPN Users']!.id, name: 'VPN Users', nested: true });
      expect(tom.phone_changed_at).toBeLessThanOrEqual(Date.now());
      expect(tom.first_seen_at).toBeGreaterThanOrEqual(before);
      expect((await rowOf('noah.kim')).disabled).toBe(1);
      expect((await rowOf('diego.alvarez')).privileged).toBe(0);

      const amara = await rowOf('amara.okafor');
      const link = await desk.db.selectFrom('users').select('directory_id').where('id', '=', amaraDeskId).executeTakeFirstOrThrow();
      expect(link.directory_id).toBe(amara.id);
      // Nobody who never used the desk gets a desk account.
      const linked = await desk.db.selectFrom('users').select('id').where('directory_id', 'is not', null).execute();
      expect(linked).toHaveLength(1);

      const status = (await (await call(admin, 'GET', BASE)).json()) as DirectoryConnection;
      expect(status).toMatchObject({ peopleCount: 15, lastSync: { state: 'succeeded', added: 15, seen: 15, error: null } });
    });

    it('a second sync changes nothing', async () => {
      const first = withoutSyncTimes(await allRows());
      const outcome = await sync();
      expect(outcome.counts).toMatchObject({ seen: 15, added: 0, updated: 0, disabled: 0, gone: 0 });
      expect(withoutSyncTimes(await allRows())).toEqual(first);
    });

    it('a changed phone of record gets a fresh change time and keeps the previous number', async () => {
      const before = await rowOf('jonas.weber');
      // modifyTimestamp has one-second resolution: the change cannot be dated before this second.
      const changedNoEarlierThan = Math.floor(Date.now() / 1000) * 1000;
      await slapd.modifyAsRoot(slapd.fixture.people['jonas.weber']!.dn, [
        new Change({ operation: 'replace', modification: new Attribute({ type: 'telephoneNumber', values: ['+44 20 7946 0999'] }) }),
      ]);
      const outcome = await sync();
      expect(outcome.counts.updated).toBe(1);
      const after = await rowOf('jonas.weber');
      expect(after).toMatchObject({ phone: '+44 20 7946 0999', phone_previous: '+44 20 7946 0106' });
      expect(after.phone_changed_at).toBeGreaterThan(before.phone_changed_at);
      expect(after.phone_changed_at).toBeGreaterThanOrEqual(changedNoEarlierThan);
      expect(after.phone_changed_at).toBeLessThanOrEqual(Date.now());
      expect(after.email_changed_at).toBe(before.email_changed_at);
    });

    it('a lockout shows as locked after the next sync', async () => {
      const sara = slapd.fixture.people['sara.lind']!;
      for (let i = 0; i < 3; i++) expect(await slapd.tryBind(sara.dn, 'wrong-password')).toBe(false);
      await sync();
      expect((await rowOf('sara.lind')).locked).toBe(1);
    });

    it('a failing connection records the error and marks nobody gone', async () => {
      const version = String(((await (await call(admin, 'GET', BASE)).json()) as DirectoryConnection).version);
      expect((await put(ldapBody({ bindPassword: 'not-the-password' }), version)).status).toBe(200);
      const outcome = await sync();
      expect(outcome.error).toBeTruthy();
      expect(outcome.error).not.toContain('not-the-password');
      const status = (await (await call(admin, 'GET', BASE)).json()) as DirectoryConnection;
      expect(status.lastSync).toMatchObject({ state: 'failed', gone: 0 });
      expect(status.lastSync.error).toBeTruthy();
      expect(status.peopleCount).toBe(15);
      expect((await allRows()).every((r) => r.gone_at === null)).toBe(true);
      const test = (await (await call(admin, 'POST', `${BASE}/test`)).json()) as { ok: boolean; error: string };
      expect(test.ok).toBe(false);
      expect((await put(ldapBody(), String(status.version))).status).toBe(200);
    });

    it('a person removed from the directory is marked gone by the next complete sync', async () => {
      const client = new Client({ url: slapd.url, timeout: 5000 });
      await client.bind(ROOT_DN, slapd.fixture.rootPassword);
      await client.del(slapd.fixture.people['ruth.adler']!.dn);
      await client.unbind();
      const outcome = await sync();
      expect(outcome.counts).toMatchObject({ gone: 1, added: 0 });
      expect((await rowOf('ruth.adler')).gone_at).not.toBeNull();
      expect((await sync()).counts.gone).toBe(0);
    });

    it('"sync now" enqueues the sync job', async () => {
      const res = await call(admin, 'POST', `${BASE}/sync`);
      expect(res.status).toBe(202);
      const { jobId } = (await res.json()) as { jobId: number };
      const job = await desk.db.selectFrom('jobs').select(['kind', 'payload']).where('id', '=', jobId).executeTakeFirstOrThrow();
      expect(job.kind).toBe('directory.sync');
      await problemOf(await call(agent, 'POST', `${BASE}/sync`), 403);
    });

    it('staff find people of record with the phone of record; requesters are refused', async () => {
      const found = (await (await call(agent, 'GET', '/api/v1/directory/people?q=BECKER')).json()) as DirectoryPeopleList;
      expect(found.items.map((p) => p.name)).toEqual(['Tom Becker']);
      expect(found.items[0]).toMatchObject({ phoneOfRecord: '+44 20 7946 0104', privileged: true, managerName: 'Priya Nair' });
      const byMail = (await (await call(agent, 'GET', '/api/v1/directory/people?q=amara.okafor@')).json()) as DirectoryPeopleList;
      expect(byMail.items[0]).toMatchObject({ name: 'Amara Okafor', deskPersonId: amaraDeskId });
      const none = (await (await call(agent, 'GET', '/api/v1/directory/people?q=%25')).json()) as DirectoryPeopleList;
      expect(none.items).toHaveLength(0);
      // Gone people are not offered as targets, but can be read by id.
      const ruthId = slapd.fixture.people['ruth.adler']!.id;
      const ruthSearch = (await (await call(agent, 'GET', '/api/v1/directory/people?q=ruth')).json()) as DirectoryPeopleList;
      expect(ruthSearch.items).toHaveLength(0);
      const ruth = (await (await call(agent, 'GET', `/api/v1/directory/people/${ruthId}`)).json()) as DirectoryPersonView;
      expect(ruth.gone).toBe(true);
      await problemOf(await call(agent, 'GET', '/api/v1/directory/people/no-such-id'), 404);
      await problemOf(await call(requester, 'GET', '/api/v1/directory/people?q=becker'), 403);
      await problemOf(await call(requester, 'GET', `/api/v1/directory/people/${ruthId}`), 403);
    });
  });
});
