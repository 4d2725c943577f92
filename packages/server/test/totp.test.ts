import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Me, MfaChallenge } from '@deskside/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../src/config.js';
import { createLogger, openDesk } from '../src/desk.js';
import { buildServer } from '../src/http/server.js';
import { describeEachDialect, type TestDialect } from './support/dialects.js';
import { CookieJar, createPerson, SessionClient, signIn, tokenClient, type TestPerson } from './support/people.js';
import { createTestDatabase, type TestNode } from './support/test-desk.js';
import { expectProblem } from './support/tickets.js';
import { Authenticator, totpStep } from './support/totp.js';

const SECRET_KEY = 'test-only key for sealing totp secrets, 32+ chars';

interface LoggedDesk extends TestNode {
  /** Every line the desk's logger wrote (level trace, requests logged). */
  logLines: string[];
  /** Every response body the desk sent through `fetch`. */
  bodies: string[];
}

/**
 * A desk whose log we read: the real openDesk + buildServer with a logger writing to
 * memory, and a fetch that keeps every response body, to search both for secrets.
 */
function useLoggedDesk(dialect: TestDialect, env: Record<string, string> = {}): LoggedDesk {
  const holder = { logLines: [] as string[], bodies: [] as string[] } as LoggedDesk;
  let drop: () => Promise<void> = async () => {};
  beforeAll(async () => {
    const database = await createTestDatabase(dialect);
    drop = database.drop;
    const config = readConfig({
      ...database.env, ...env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'trace', DESKSIDE_WEB_DIST: join(database.env.DATA_DIR!, 'no-web'),
    });
    const desk = await openDesk(config, createLogger(config, { write: (line: string) => void holder.logLines.push(line) }));
    const previous = process.env.DESKSIDE_REQUEST_LOG;
    process.env.DESKSIDE_REQUEST_LOG = '1';
    const app = await buildServer(desk.ctx).finally(() => {
      if (previous === undefined) delete process.env.DESKSIDE_REQUEST_LOG;
      else process.env.DESKSIDE_REQUEST_LOG = previous;
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const recording: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      holder.bodies.push(await res.clone().text());
      return res;
    };
    Object.assign(holder, {
      baseUrl: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`,
      desk, ctx: desk.ctx, db: desk.ctx.db, app, fetch: recording,
      close: async () => {
        await app.close();
        await desk.close();
      },
    });
  });
  afterAll(async () => {
    await holder.close?.();
    await drop();
  });
  return holder;
}

/** The password step alone, in a fresh browser-like session. */
async function passwordStep(node: TestNode, person: TestPerson) {
  const api = new SessionClient(node, new CookieJar(node.fetch));
  const result = await api.login({ email: person.email, password: person.password });
  return { api, result };
}

/** A signed-in person who has turned two-factor sign-in on, with their authenticator. */
async function enrolled(node: TestNode, role: TestPerson['role'] = 'agent') {
  const person = await createPerson(node, { role, groupNames: role === 'requester' ? [] : ['Service Desk'] });
  const api = await signIn(node, person.email, person.password);
  const { secret } = await api.startTotpEnrolment();
  const app = new Authenticator(secret);
  const { recoveryCodes } = await api.confirmTotpEnrolment(await app.fresh());
  return { person, api, app, secret, recoveryCodes };
}

/** Signs in with password and a code; fails the test if the desk asks for no code. */
async function signInWithCode(node: TestNode, person: TestPerson, code: string) {
  const { api, result } = await passwordStep(node, person);
  expect(result).toMatchObject({ mfaRequired: true });
  const me = await api.loginWithCode(code);
  return { api, me };
}

const isChallenge = (r: Me | MfaChallenge): r is MfaChallenge => 'mfaRequired' in r;

describeEachDialect('two-factor sign-in: enrolment and the second step', (dialect) => {
  const desk = useLoggedDesk(dialect, { DESKSIDE_SECRET_KEY: SECRET_KEY });

  it('enrols with a code computed from the returned secret; sign-in then needs the second step', async () => {
    const person = await createPerson(desk, { role: 'agent', groupNames: ['Service Desk'] });
    const api = await signIn(desk, person.email, person.password);
    expect((await api.me()).mfa).toEqual({ enabled: false, passedAt: null });

    const enrolment = await api.startTotpEnrolment();
    expect(enrolment.secret).toMatch(/^[A-Z2-7]{32}$/);
    const uri = new URL(enrolment.otpauthUri);
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    expect(decodeURIComponent(uri.pathname)).toBe(`/Deskside:${person.email}`);
    expect(uri.searchParams.get('secret')).toBe(enrolment.secret);
    expect(uri.searchParams.get('issuer')).toBe('Deskside');
    expect(await api.mfaStatus()).toMatchObject({ enabled: false, pending: true });

    const app = new Authenticator(enrolment.secret);
    const wrong = await expectProblem(api.confirmTotpEnrolment(app.wrong()), 422);
    expect(wrong.detail).toMatch(/code/);
    const { recoveryCodes } = await api.confirmTotpEnrolment(await app.fresh());
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    for (const code of recoveryCodes) expect(code).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$/);

    const me = await api.me();
    expect(me.mfa.enabled).toBe(true);
    expect(Date.parse(me.mfa.passedAt!)).toBeGreaterThan(Date.now() - 60_000);
    expect(await api.mfaStatus()).toMatchObject({ enabled: true, pending: false, recoveryCodesLeft: 10 });
    await expectProblem(api.startTotpEnrolment(), 409);

    // Sealed at rest with DESKSIDE_SECRET_KEY; recovery codes only as hashes.
    const stored = await desk.db.selectFrom('person_totp').selectAll().where('user_id', '=', person.id).executeTakeFirstOrThrow();
    expect(stored.secret).toMatch(/^aes-256-gcm:/);
    expect(stored.secret).not.toContain(enrolment.secret);
    expect(stored.activated_at).not.toBeNull();
    const hashes = await desk.db.selectFrom('mfa_recovery_codes').select('code_hash').where('user_id', '=', person.id).execute();
    expect(hashes).toHaveLength(10);
    for (const code of recoveryCodes) expect(JSON.stringify(hashes)).not.toContain(code.replace(/-/g, ''));

    await api.logout();
    const { api: next, result } = await passwordStep(desk, person);
    expect(isChallenge(result)).toBe(true);
    // The password alone opens no session: only the challenge cookie, scoped to sign-in.
    expect(next.jar.session).toBeUndefined();
    await expectProblem(next.me(), 401);
    const res = await desk.fetch(`${desk.baseUrl}/api/v1/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: person.email, password: person.password }),
    });
    const cookies = res.headers.getSetCookie();
    expect(cookies.some((c) => c.startsWith('deskside_session='))).toBe(false);
    const challenge = cookies.find((c) => c.startsWith('deskside_mfa='));
    expect(challenge).toMatch(/;\s*HttpOnly/i);
    expect(challenge).toMatch(/;\s*SameSite=Strict/i);
    expect(challenge).toMatch(/;\s*Path=\/api\/v1\/auth/i);

    const signedIn = await next.loginWithCode(await app.fresh());
    expect(signedIn.user.id).toBe(person.id);
    expect(signedIn.mfa.enabled).toBe(true);
    expect(signedIn.mfa.passedAt).not.toBeNull();
    expect(next.jar.session).toBeDefined();
    expect((await next.me()).mfa.passedAt).toBe(signedIn.mfa.passedAt);
  });

  it('refuses wrong, expired and replayed codes', async () => {
    const { person, app } = await enrolled(desk);
    const { api } = await passwordStep(desk, person);
    await expectProblem(api.loginWithCode(app.wrong()), 401);
    await expectProblem(api.loginWithCode(app.at(totpStep() - 2)), 401);
    await expectProblem(api.loginWithCode(app.at(totpStep() + 3)), 401);
    await expectProblem(api.loginWithCode('not a code'), 401);

    const step = totpStep() + 1;
    expect((await api.loginWithCode(app.at(step))).user.id).toBe(person.id);
    const again = await passwordStep(desk, person);
    const replay = await expectProblem(again.api.loginWithCode(app.at(step)), 401);
    expect(replay.detail).toMatch(/not right/);
    // An older code of the window is refused once a newer one was used.
    await expectProblem(again.api.loginWithCode(app.at(step - 1)), 401);
    expect(again.api.jar.session).toBeUndefined();
  });

});

// Each node allows 20 sign-in steps a minute from one address: a second desk for the rest.
describeEachDialect('two-factor sign-in: recovery codes, challenges, tokens, secrecy', (dialect) => {
  const desk = useLoggedDesk(dialect, { DESKSIDE_SECRET_KEY: SECRET_KEY });

  it('a recovery code signs in once, whatever its case or dashes', async () => {
    const { person, recoveryCodes } = await enrolled(desk);
    const first = await passwordStep(desk, person);
    const me = await first.api.loginWithCode(` ${recoveryCodes[0]!.toLowerCase()} `);
    expect(me.mfa.passedAt).not.toBeNull();
    expect(await first.api.mfaStatus()).toMatchObject({ recoveryCodesLeft: 9 });
    const events = await desk.db.selectFrom('person_events').select('type').where('person_id', '=', person.id).execute();
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['mfa_enabled', 'mfa_recovery_code_used']));

    const second = await passwordStep(desk, person);
    await expectProblem(second.api.loginWithCode(recoveryCodes[0]!), 401);
    expect((await second.api.loginWithCode(recoveryCodes[1]!.replace(/-/g, ''))).user.id).toBe(person.id);
  });

  it('a challenge expires and is good for one session only', async () => {
    const { person, app } = await enrolled(desk);
    const stale = await passwordStep(desk, person);
    await desk.db.updateTable('mfa_challenges').set({ expires_at: Date.now() - 1 }).where('user_id', '=', person.id).execute();
    const expired = await expectProblem(stale.api.loginWithCode(app.wrong()), 401);
    expect(expired.detail).toMatch(/timed out/);

    const { api } = await passwordStep(desk, person);
    const cookie = api.jar.header();
    await api.loginWithCode(await app.fresh());
    const reuse = await desk.fetch(`${desk.baseUrl}/api/v1/auth/login/mfa`, {
      method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ code: app.wrong() }),
    });
    expect(reuse.status).toBe(401);
    // No code at all gets nowhere either.
    const none = await desk.fetch(`${desk.baseUrl}/api/v1/auth/login/mfa`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: app.at(totpStep()) }),
    });
    expect(none.status).toBe(401);
  });

  it('API tokens are unaffected, and cannot manage two-factor sign-in', async () => {
    const { api } = await enrolled(desk);
    const { token } = await api.createToken({ name: 'integration', scopes: ['tickets:read'] });
    const integration = tokenClient(desk, token);
    await integration.listTickets();
    expect((await integration.me()).mfa).toEqual({ enabled: true, passedAt: null });
    await expectProblem(integration.startTotpEnrolment(), 403);
    await expectProblem(integration.turnOffTotp('123456'), 403);
  });

  it('never puts the secret or the recovery codes in a later response or in the log', async () => {
    const person = await createPerson(desk, { role: 'agent', groupNames: ['Service Desk'] });
    const api = await signIn(desk, person.email, person.password);
    const { secret } = await api.startTotpEnrolment();
    const shownAt = desk.bodies.length;
    const app = new Authenticator(secret);
    const { recoveryCodes } = await api.confirmTotpEnrolment(await app.fresh());
    const codesShownAt = desk.bodies.length;
    await api.mfaStatus();
    await api.me();
    await api.logout();
    const next = await signInWithCode(desk, person, recoveryCodes[0]!);
    await next.api.mfaStatus();
    await expectProblem(next.api.startTotpEnrolment(), 409);
    const renewed = await next.api.renewRecoveryCodes(await app.fresh());

    expect(desk.bodies.slice(shownAt).join('\n')).not.toContain(secret);
    const afterCodes = desk.bodies.slice(codesShownAt).join('\n');
    for (const code of recoveryCodes) expect(afterCodes).not.toContain(code);
    const log = desk.logLines.join('');
    expect(log).toContain('/api/v1/account/mfa/totp');
    expect(log).not.toContain(secret);
    for (const code of [...recoveryCodes, ...renewed.recoveryCodes]) expect(log).not.toContain(code);
  });
});

describeEachDialect('two-factor sign-in: managing it, the guard and me', (dialect) => {
  const desk = useLoggedDesk(dialect);

  it('stores the secret as it is without DESKSIDE_SECRET_KEY; turning it off needs a code', async () => {
    const { person, api, app, secret, recoveryCodes } = await enrolled(desk);
    const stored = await desk.db.selectFrom('person_totp').select('secret').where('user_id', '=', person.id).executeTakeFirstOrThrow();
    expect(stored.secret).toBe(`plain:${secret}`);

    const renewed = await api.renewRecoveryCodes(await app.fresh());
    expect(renewed.recoveryCodes).toHaveLength(10);
    expect(renewed.recoveryCodes).not.toContain(recoveryCodes[0]);
    await expectProblem(api.turnOffTotp(recoveryCodes[0]!), 422);
    await expectProblem(api.turnOffTotp(app.wrong()), 422);
    expect((await api.me()).mfa.enabled).toBe(true);
    await api.turnOffTotp(renewed.recoveryCodes[0]!);
    expect((await api.me()).mfa).toEqual({ enabled: false, passedAt: null });
    expect(await api.mfaStatus()).toMatchObject({ enabled: false, pending: false, recoveryCodesLeft: 0 });
    await expectProblem(api.turnOffTotp(app.wrong()), 409);

    const events = await desk.db.selectFrom('person_events').select('type').where('person_id', '=', person.id).orderBy('id').execute();
    expect(events.map((e) => e.type)).toEqual(['created', 'mfa_enabled', 'mfa_recovery_codes_renewed', 'mfa_disabled']);
    const { result } = await passwordStep(desk, person);
    expect(isChallenge(result)).toBe(false);
  });

  it('the guard: identity actions need an active authenticator and a session that passed it', async () => {
    const admin = await createPerson(desk, { role: 'admin' });
    const target = await enrolled(desk);
    // A session opened before the admin turned two-factor sign-in on: it never passed it.
    const older = await signIn(desk, admin.email, admin.password);
    const noMfa = await expectProblem(older.resetPersonMfa(target.person.id), 403);
    expect(noMfa.detail).toMatch(/Turn on two-factor/);

    const current = await signIn(desk, admin.email, admin.password);
    const { secret } = await current.startTotpEnrolment();
    const app = new Authenticator(secret);
    await current.confirmTotpEnrolment(await app.fresh());
    expect((await older.me()).mfa).toEqual({ enabled: true, passedAt: null });
    const stale = await expectProblem(older.resetPersonMfa(target.person.id), 403);
    expect(stale.detail).toMatch(/Confirm it is you/);
    const { token } = await current.createToken({ name: 'admin script', scopes: ['admin'] });
    await expectProblem(tokenClient(desk, token).resetPersonMfa(target.person.id), 403);

    // Admin > People shows who has it on; the desk's own lookups do not.
    const listed = await current.people({ q: target.person.email });
    expect(listed.mfaOn).toEqual([target.person.id]);
    expect((await current.people({ q: admin.email })).mfaOn).toEqual([admin.id]);
    const asAgent = await target.api.people({ q: target.person.email });
    expect(asAgent.items.map((p) => p.id)).toEqual([target.person.id]);
    expect(asAgent.mfaOn).toBeUndefined();

    await expectProblem(older.verifyMfa(app.wrong()), 422);
    await older.verifyMfa(await app.fresh());
    expect((await older.me()).mfa.passedAt).not.toBeNull();
    await expectProblem(older.resetPersonMfa(admin.id), 409);
    await older.resetPersonMfa(target.person.id);

    // The reset ends the person's sessions, is audited, and sign-in is password-only again.
    await expectProblem(target.api.me(), 401);
    const trail = await current.request<{ items: { type: string; actor: { id: number } | null }[] }>('GET', `/api/v1/people/${target.person.id}/events`);
    expect(trail.items[0]).toMatchObject({ type: 'mfa_reset', actor: { id: admin.id } });
    const { result } = await passwordStep(desk, target.person);
    expect(isChallenge(result)).toBe(false);
    await expectProblem(older.resetPersonMfa(target.person.id), 409);
  });
});

describeEachDialect('two-factor sign-in: wrong codes and the lockout', (dialect) => {
  const desk = useLoggedDesk(dialect);

  it('wrong codes count toward the account lockout; a right password does not reset the count', async () => {
    const { person, app } = await enrolled(desk);
    const first = await passwordStep(desk, person);
    for (let i = 0; i < 2; i++) await expectProblem(first.api.loginWithCode(app.wrong()), 401);
    const second = await passwordStep(desk, person);
    for (let i = 0; i < 3; i++) await expectProblem(second.api.loginWithCode(app.wrong()), 401);
    const locked = await expectProblem(second.api.loginWithCode(await app.fresh()), 429);
    expect(locked.detail).toMatch(/wait 15 minutes/);
    await expectProblem(passwordStep(desk, person).then((r) => r.result), 429);
    expect(second.api.jar.session).toBeUndefined();
  });
});

describe.each(['sqlite'] as const)('two-factor sign-in: per-address rate limit (%s)', (dialect) => {
  const desk = useLoggedDesk(dialect, { DESKSIDE_LOGIN_RATE_PER_MIN: '6' });

  it('the second step counts toward the per-address sign-in limit', async () => {
    const { person, app } = await enrolled(desk);
    const { api } = await passwordStep(desk, person);
    const statuses: number[] = [];
    let last = '';
    for (let i = 0; i < 5; i++) {
      const res = await api.raw('/api/v1/auth/login/mfa', { method: 'POST', body: JSON.stringify({ code: app.wrong() }) });
      statuses.push(res.status);
      last = ((await res.json()) as { detail: string }).detail;
    }
    expect(statuses.slice(0, 4)).toEqual([401, 401, 401, 401]);
    expect(statuses[4]).toBe(429);
    expect(last).toMatch(/from this address/);
  });
});
