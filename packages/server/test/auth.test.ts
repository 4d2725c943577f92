import { expect, it } from 'vitest';
import { describeEachDialect } from './support/dialects.js';
import { countRows } from './support/db.js';
import { createPerson, signIn, signedIn } from './support/people.js';
import { expectProblem, ticketInput } from './support/tickets.js';
import { useTestDesk } from './support/test-desk.js';

const json = (body: unknown) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describeEachDialect('sign-in and sessions', (dialect) => {
  const desk = useTestDesk(dialect);
  const login = (email: string, password: string) => desk.fetch(`${desk.baseUrl}/api/v1/auth/login`, json({ email, password }));

  it('signs in with the right password and answers who is signed in', async () => {
    const agent = await createPerson(desk, { role: 'agent', groupNames: ['Network'] });
    const api = await signIn(desk, agent.email, agent.password);
    expect(api.csrfToken).toMatch(/^[\w-]{20,}$/);
    const me = await api.me();
    expect(me.user).toEqual({ id: agent.id, name: agent.name, email: agent.email, role: 'agent', groupIds: agent.groupIds, vip: false, site: null, active: true, version: 1 });
    expect(me.csrfToken).toBe(api.csrfToken);
  });

  it('accepts the e-mail in any case', async () => {
    const person = await createPerson(desk);
    const api = await signIn(desk, person.email.toUpperCase(), person.password);
    expect((await api.me()).user.id).toBe(person.id);
  });

  it('sets the session cookie HttpOnly, SameSite=Lax, for the whole site', async () => {
    const person = await createPerson(desk);
    const res = await login(person.email, person.password);
    expect(res.status).toBe(200);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('deskside_session='));
    expect(cookie).toBeDefined();
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    expect(cookie).toMatch(/;\s*SameSite=Lax/i);
    expect(cookie).toMatch(/;\s*Path=\//i);
    // The CSRF token travels in the body, never in a cookie script could read.
    expect(res.headers.getSetCookie().filter((c) => !c.startsWith('deskside_session='))).toEqual([]);
  });

  it('answers a wrong password and an unknown e-mail identically', async () => {
    const person = await createPerson(desk);
    const wrong = await login(person.email, 'not the password at all');
    const unknown = await login(`nobody-${person.id}@example.test`, 'not the password at all');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.headers.get('content-type')).toContain('application/problem+json');
    expect(unknown.headers.get('content-type')).toBe(wrong.headers.get('content-type'));
    expect(await unknown.json()).toEqual(await wrong.json());
    expect(wrong.headers.getSetCookie()).toEqual([]);
  });

  it('answers /me with 401 problem+json when signed out', async () => {
    const res = await desk.fetch(`${desk.baseUrl}/api/v1/me`);
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(await res.json()).toMatchObject({ status: 401, title: 'Unauthorized' });
  });

  it('logs out: the session is gone on the server, not just the cookie', async () => {
    const { api } = await signedIn(desk);
    const cookie = api.jar.header();
    await api.logout();
    expect(api.jar.session).toBeUndefined();
    await expectProblem(api.me(), 401);
    const replay = await desk.fetch(`${desk.baseUrl}/api/v1/me`, { headers: { cookie } });
    expect(replay.status).toBe(401);
  });

  it('never returns a password or its hash', async () => {
    const admin = await signedIn(desk, { role: 'admin' });
    const bodies: unknown[] = [
      await admin.api.me(),
      await admin.api.createUser({ email: `new-${admin.person.id}@example.test`, name: 'New Person', role: 'agent', password: 'a long enough password' }),
      await admin.api.people({}),
    ];
    const loginRes = await login(admin.person.email, admin.person.password);
    bodies.push(await loginRes.json());
    for (const body of bodies) {
      const text = JSON.stringify(body);
      expect(text).not.toMatch(/password/i);
      expect(text).not.toContain('$argon2');
      expect(text).not.toContain(admin.person.password);
    }
  });
});

describeEachDialect('CSRF defence for cookie sessions', (dialect) => {
  const desk = useTestDesk(dialect);

  it('refuses a state-changing request without x-csrf-token, and changes nothing', async () => {
    const { api } = await signedIn(desk);
    const before = await countRows(desk.db, 'tickets');
    const res = await api.raw('/api/v1/tickets', { method: 'POST', body: JSON.stringify(ticketInput()) });
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(await countRows(desk.db, 'tickets')).toBe(before);
  });

  it('refuses a wrong x-csrf-token, including another session’s', async () => {
    const a = await signedIn(desk);
    const b = await signedIn(desk);
    const before = await countRows(desk.db, 'tickets');
    for (const token of ['not-the-token', b.api.csrfToken!]) {
      const res = await a.api.raw('/api/v1/tickets', { method: 'POST', body: JSON.stringify(ticketInput()), headers: { 'x-csrf-token': token } });
      expect(res.status).toBe(403);
    }
    expect(await countRows(desk.db, 'tickets')).toBe(before);
  });

  it('refuses a write whose Origin is another site, even with the right token', async () => {
    const { api } = await signedIn(desk);
    const before = await countRows(desk.db, 'tickets');
    const res = await api.raw('/api/v1/tickets', {
      method: 'POST', csrf: true, body: JSON.stringify(ticketInput()), headers: { origin: 'https://evil.example' },
    });
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(await countRows(desk.db, 'tickets')).toBe(before);
  });

  it('accepts the same write from our own origin with the token', async () => {
    const { api } = await signedIn(desk);
    const res = await api.raw('/api/v1/tickets', {
      method: 'POST', csrf: true, body: JSON.stringify(ticketInput()), headers: { origin: desk.baseUrl },
    });
    expect(res.status).toBe(201);
  });

  it('lets reads through without a token', async () => {
    const { api } = await signedIn(desk);
    const res = await api.raw('/api/v1/tickets');
    expect(res.status).toBe(200);
  });
});

describeEachDialect('lockout after failed sign-ins', (dialect) => {
  const desk = useTestDesk(dialect);
  const login = (email: string, password: string) =>
    desk.fetch(`${desk.baseUrl}/api/v1/auth/login`, json({ email, password }));

  it('locks an existing and a non-existing address alike after 5 failures, even for the right password', async () => {
    const person = await createPerson(desk);
    const ghost = `ghost-${person.id}@example.test`;
    const failures: Response[] = [];
    for (let i = 0; i < 5; i++) {
      failures.push(await login(person.email, `wrong guess ${i}`), await login(ghost, `wrong guess ${i}`));
    }
    expect(failures.map((r) => r.status)).toEqual(Array(10).fill(401));

    const real = await login(person.email, person.password);
    const fake = await login(ghost, person.password);
    expect(real.status).toBe(429);
    expect(fake.status).toBe(429);
    expect(real.headers.get('content-type')).toContain('application/problem+json');
    expect(await fake.json()).toEqual(await real.json());
    expect(real.headers.getSetCookie()).toEqual([]);
  });

  it('does not lock a different address', async () => {
    const person = await createPerson(desk);
    const res = await login(person.email, person.password);
    expect(res.status).toBe(200);
  });
});
