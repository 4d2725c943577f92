import type { LicensePoolList, LicensePoolView, Problem } from '@deskside/shared';
import { expect, it } from 'vitest';
import { claimLicenseSeat } from '../src/modules/licenses/index.js';
import { describeEachDialect } from './support/dialects.js';
import { type SessionClient, signedIn } from './support/people.js';
import { useTestDesk } from './support/test-desk.js';

describeEachDialect('licence pools: administration', (dialect) => {
  const desk = useTestDesk(dialect);
  let seq = 0;
  const unique = (what: string) => `${what} ${dialect} ${++seq}`;

  const call = (who: SessionClient, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    who.raw(path, { method, csrf: method !== 'GET', headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const json = async <T>(res: Response, status: number): Promise<T> => {
    expect(res.status, await res.clone().text()).toBe(status);
    return (await res.json()) as T;
  };
  const admin = async () => (await signedIn(desk, { role: 'admin' })).api;
  const createPool = async (who: SessionClient, body: Record<string, unknown> = {}) =>
    json<LicensePoolView>(await call(who, 'POST', '/api/v1/admin/license-pools', { name: unique('Pool'), product: 'Microsoft 365 E3', seatCount: 3, ...body }), 201);
  /** Seats held by made-up people, written straight into the ledger as the assign performer would claim them. */
  const holdSeats = async (poolId: number, count: number) => {
    for (let i = 0; i < count; i++) {
      await desk.db.transaction().execute((tx) =>
        claimLicenseSeat(tx, { poolId, holder: { personId: 900_000 + seq * 100 + i, immutableId: `holder-${poolId}-${i}` }, requestId: crypto.randomUUID(), now: Date.now() }),
      );
    }
  };

  it('admins create, read, list and change pools; a stale If-Match is 412', async () => {
    const api = await admin();
    const name = unique('Office E3');
    const created = await createPool(api, { name, seatCount: 5, groupId: 'cn=e3-licence', groupName: 'E3 licence' });
    expect(created).toMatchObject({ name, product: 'Microsoft 365 E3', seatCount: 5, seatsInUse: 0, seatsFree: 5, group: { id: 'cn=e3-licence', name: 'E3 licence' }, version: 1 });

    const ledger = await createPool(api, { name: unique('Adobe'), product: 'Adobe Acrobat Pro', seatCount: 2 });
    expect(ledger.group).toBeNull();

    const list = await json<LicensePoolList>(await call(api, 'GET', '/api/v1/admin/license-pools'), 200);
    expect(list.items.map((p) => p.id)).toEqual(expect.arrayContaining([created.id, ledger.id]));
    expect(await json<LicensePoolView>(await call(api, 'GET', `/api/v1/admin/license-pools/${created.id}`), 200)).toEqual(created);

    const changed = await json<LicensePoolView>(await call(api, 'PATCH', `/api/v1/admin/license-pools/${created.id}`, { seatCount: 8, product: 'Microsoft 365 E5' }, { 'if-match': '"1"' }), 200);
    expect(changed).toMatchObject({ seatCount: 8, seatsFree: 8, product: 'Microsoft 365 E5', version: 2 });
    const stale = await json<Problem>(await call(api, 'PATCH', `/api/v1/admin/license-pools/${created.id}`, { seatCount: 9 }, { 'if-match': '"1"' }), 412);
    expect(stale.detail).toContain('version 2');
    const duplicate = await json<Problem>(await call(api, 'POST', '/api/v1/admin/license-pools', { name, product: 'x', seatCount: 1 }), 409);
    expect(duplicate.detail).toContain('exists already');
  });

  it('bodies are checked field by field', async () => {
    const api = await admin();
    const missing = await json<Problem>(await call(api, 'POST', '/api/v1/admin/license-pools', { name: unique('No product'), seatCount: 1 }), 400);
    expect(missing.errors?.map((e) => e.field)).toContain('body.product');
    const negative = await json<Problem>(await call(api, 'POST', '/api/v1/admin/license-pools', { name: unique('Negative'), product: 'x', seatCount: -1 }), 400);
    expect(negative.errors?.map((e) => e.field)).toContain('body.seatCount');
    const fractional = await json<Problem>(await call(api, 'POST', '/api/v1/admin/license-pools', { name: unique('Half'), product: 'x', seatCount: 1.5 }), 400);
    expect(fractional.errors?.map((e) => e.field)).toContain('body.seatCount');
    const unknown = await json<Problem>(await call(api, 'POST', '/api/v1/admin/license-pools', { name: unique('Extra'), product: 'x', seatCount: 1, price: 12 }), 400);
    expect(unknown.errors?.map((e) => e.field)).toContain('body.price');
    await json<Problem>(await call(api, 'PATCH', '/api/v1/admin/license-pools/abc', { seatCount: 1 }), 400);
  });

  it('agents read the pools for the desk form but change nothing; requesters read nothing; unknown ids are 404', async () => {
    const api = await admin();
    const pool = await createPool(api);
    const agent = (await signedIn(desk, { role: 'agent', groupNames: ['Service Desk'] })).api;
    const lead = (await signedIn(desk, { role: 'lead' })).api;
    const requester = (await signedIn(desk, { role: 'requester' })).api;

    const read = await json<LicensePoolList>(await call(agent, 'GET', '/api/v1/license-pools'), 200);
    expect(read.items.find((p) => p.id === pool.id)).toMatchObject({ seatsFree: 3 });
    await json<Problem>(await call(requester, 'GET', '/api/v1/license-pools'), 403);

    for (const who of [agent, lead, requester]) {
      await json<Problem>(await call(who, 'GET', '/api/v1/admin/license-pools'), 403);
      await json<Problem>(await call(who, 'POST', '/api/v1/admin/license-pools', { name: unique('Sneaky'), product: 'x', seatCount: 100 }), 403);
      await json<Problem>(await call(who, 'PATCH', `/api/v1/admin/license-pools/${pool.id}`, { seatCount: 100 }), 403);
      await json<Problem>(await call(who, 'DELETE', `/api/v1/admin/license-pools/${pool.id}`), 403);
      await json<Problem>(await call(who, 'GET', `/api/v1/admin/license-pools/${pool.id}/seats`), 403);
    }
    expect((await json<LicensePoolView>(await call(api, 'GET', `/api/v1/admin/license-pools/${pool.id}`), 200)).seatCount).toBe(3);
    await json<Problem>(await call(api, 'GET', '/api/v1/admin/license-pools/999999'), 404);
    await json<Problem>(await call(api, 'PATCH', '/api/v1/admin/license-pools/999999', { seatCount: 1 }), 404);
    await json<Problem>(await call(api, 'DELETE', '/api/v1/admin/license-pools/999999'), 404);
  });

  it('the seat count never drops below the seats in use, and a pool with seats in use is not deleted', async () => {
    const api = await admin();
    const pool = await createPool(api, { seatCount: 4 });
    await holdSeats(pool.id, 3);
    const after = await json<LicensePoolView>(await call(api, 'GET', `/api/v1/admin/license-pools/${pool.id}`), 200);
    expect(after).toMatchObject({ seatsInUse: 3, seatsFree: 1 });

    const floor = await json<Problem>(await call(api, 'PATCH', `/api/v1/admin/license-pools/${pool.id}`, { seatCount: 2 }), 409);
    expect(floor.detail).toContain('3 seats');
    expect(floor.detail).toContain('below 3');
    const lowered = await json<LicensePoolView>(await call(api, 'PATCH', `/api/v1/admin/license-pools/${pool.id}`, { seatCount: 3 }), 200);
    expect(lowered).toMatchObject({ seatCount: 3, seatsInUse: 3, seatsFree: 0 });

    const refused = await json<Problem>(await call(api, 'DELETE', `/api/v1/admin/license-pools/${pool.id}`), 409);
    expect(refused.detail).toContain('3 seats');
    const empty = await createPool(api);
    expect((await call(api, 'DELETE', `/api/v1/admin/license-pools/${empty.id}`)).status).toBe(204);
    await json<Problem>(await call(api, 'GET', `/api/v1/admin/license-pools/${empty.id}`), 404);
  });

  it('a privileged group of the directory connection cannot grant a licence', async () => {
    const api = await admin();
    await desk.db.insertInto('directory_connections').values(await connectionWithPrivilegedGroup('cn=domain-admins')).execute();
    const refused = await json<Problem>(await call(api, 'POST', '/api/v1/admin/license-pools', { name: unique('Backdoor'), product: 'x', seatCount: 1, groupId: 'cn=domain-admins' }), 422);
    expect(refused.errors?.[0]?.field).toBe('groupId');
  });

  it('parallel claims on a pool with 2 free seats: exactly 2 succeed, the rest are 409, the ledger never exceeds the count', async () => {
    const api = await admin();
    const pool = await createPool(api, { seatCount: 5 });
    await holdSeats(pool.id, 3);
    const claims = Array.from({ length: 12 }, (_, i) =>
      desk.db.transaction().execute((tx) =>
        claimLicenseSeat(tx, { poolId: pool.id, holder: { personId: 800_000 + i, immutableId: `racer-${pool.id}-${i}` }, requestId: crypto.randomUUID(), now: Date.now() }),
      ).then(() => 'ok', (error: { status?: number; message: string }) => `${error.status}: ${error.message}`),
    );
    const outcomes = await Promise.all(claims);
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(2);
    const refusals = outcomes.filter((o) => o !== 'ok');
    expect(refusals).toHaveLength(10);
    for (const r of refusals) expect(r).toMatch(/^409: no free seat in .*: 5 of 5 in use$/);
    const seats = await desk.db.selectFrom('license_seats').select('seat_no').where('pool_id', '=', pool.id).where('released_at', 'is', null).orderBy('seat_no').execute();
    expect(seats.map((s) => s.seat_no)).toEqual([1, 2, 3, 4, 5]);
  });

  it('the database itself refuses a second holder of one seat number and a second seat for one person', async () => {
    const api = await admin();
    const pool = await createPool(api, { seatCount: 5 });
    const row = { pool_id: pool.id, seat_no: 1, holder_person_id: 1, holder_immutable_id: 'same-person', request_id: 'r1', assigned_at: Date.now(), released_at: null, release_request_id: null };
    await desk.db.insertInto('license_seats').values(row).execute();
    await expect(desk.db.insertInto('license_seats').values({ ...row, holder_immutable_id: 'someone-else', request_id: 'r2' }).execute()).rejects.toThrow();
    await expect(desk.db.insertInto('license_seats').values({ ...row, seat_no: 2, request_id: 'r3' }).execute()).rejects.toThrow();
    // A released seat is history: its number and its holder may be used again.
    await desk.db.updateTable('license_seats').set({ released_at: Date.now() }).where('pool_id', '=', pool.id).execute();
    await desk.db.insertInto('license_seats').values({ ...row, request_id: 'r4' }).execute();
  });
});

async function connectionWithPrivilegedGroup(groupId: string) {
  const now = Date.now();
  return {
    kind: 'ldap' as const, enabled: 0, sync_interval_minutes: 60, version: 1, created_at: now, updated_at: now,
    last_sync_status: null, last_sync_started_at: null, last_sync_finished_at: null, last_sync_error: null,
    config: JSON.stringify({ url: 'ldap://127.0.0.1:1', startTls: false, bindDn: 'cn=x', peopleBaseDn: 'ou=p', groupsBaseDn: 'ou=g', privilegedGroupIds: [groupId] }),
    bind_password: null,
  };
}
