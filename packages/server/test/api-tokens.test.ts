import { expect, it } from 'vitest';
import { describeEachDialect } from './support/dialects.js';
import { countRows } from './support/db.js';
import { signedIn, tokenClient } from './support/people.js';
import { useTestDesk } from './support/test-desk.js';
import { createTicket, expectProblem, ticketInput } from './support/tickets.js';

describeEachDialect('API tokens', (dialect) => {
  const desk = useTestDesk(dialect);

  it('shows the secret once (dsk_…), stores only its hash, and never lists it', async () => {
    const { api, person } = await signedIn(desk, { role: 'agent', groupNames: ['Service Desk'] });
    const created = await api.createToken({ name: 'monitoring', scopes: ['tickets:read'] });
    expect(created.token).toMatch(/^dsk_[\w-]{30,}$/);
    expect(created).toMatchObject({ name: 'monitoring', scopes: ['tickets:read'], revokedAt: null, lastUsedAt: null });

    const listed = await api.tokens();
    expect(listed.items.map((t) => t.id)).toEqual([created.id]);
    expect(JSON.stringify(listed)).not.toContain(created.token);
    expect(listed.items[0]).not.toHaveProperty('token');

    const stored = await desk.db.selectFrom('api_tokens').selectAll().where('user_id', '=', person.id).execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.token_hash).not.toContain(created.token);
    expect(stored[0]!.token_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('works as a Bearer token without any CSRF token or cookie', async () => {
    const { api, person } = await signedIn(desk, { role: 'agent', groupNames: ['Service Desk'] });
    const { token } = await api.createToken({ name: 'integration', scopes: ['tickets:read', 'tickets:write'] });
    const bot = tokenClient(desk, token);
    const ticket = await createTicket(bot, { subject: 'Opened by the integration' });
    expect(ticket).toMatchObject({ subject: 'Opened by the integration', requesterId: person.id, channel: 'api' });
    expect((await bot.getTicket(ticket.id)).id).toBe(ticket.id);
    expect((await bot.me()).user.id).toBe(person.id);
    const row = await desk.db.selectFrom('api_tokens').select('last_used_at').where('user_id', '=', person.id).executeTakeFirstOrThrow();
    expect(row.last_used_at).not.toBeNull();
  });

  it('enforces scopes: a tickets:read token can read but cannot write', async () => {
    const { api } = await signedIn(desk, { role: 'agent', groupNames: ['Service Desk'] });
    const existing = await createTicket(api);
    const { token } = await api.createToken({ name: 'read only', scopes: ['tickets:read'] });
    const reader = tokenClient(desk, token);
    expect((await reader.getTicket(existing.id)).id).toBe(existing.id);

    const before = await countRows(desk.db, 'tickets');
    const problem = await expectProblem(reader.createTicket(ticketInput()), 403);
    expect(problem.detail).toContain('tickets:write');
    await expectProblem(reader.updateTicket(existing.id, { subject: 'Changed by a reader' }), 403);
    await expectProblem(reader.comment(existing.id, { body: 'hello', visibility: 'public' }), 403);
    expect(await countRows(desk.db, 'tickets')).toBe(before);
    expect((await api.getTicket(existing.id)).subject).toBe(existing.subject);
  });

  it('never grants more than the owner’s role: a requester’s admin-scoped token cannot add people', async () => {
    const { api } = await signedIn(desk, { role: 'requester' });
    const { token } = await api.createToken({ name: 'greedy', scopes: ['admin'] });
    const before = await countRows(desk.db, 'users');
    await expectProblem(tokenClient(desk, token).createUser({ email: 'x@example.test', name: 'X', role: 'admin' }), 403);
    expect(await countRows(desk.db, 'users')).toBe(before);
  });

  it('cannot mint or revoke tokens with a token', async () => {
    const { api } = await signedIn(desk, { role: 'agent', groupNames: ['Service Desk'] });
    const first = await api.createToken({ name: 'all', scopes: ['tickets:read', 'tickets:write', 'people:read', 'admin'] });
    const bot = tokenClient(desk, first.token);
    await expectProblem(bot.createToken({ name: 'persist', scopes: ['admin'] }), 403);
    await expectProblem(bot.revokeToken(first.id), 403);
    expect((await api.tokens()).items).toHaveLength(1);
  });

  it('stops working once revoked (401), and revoking twice answers 404', async () => {
    const { api } = await signedIn(desk, { role: 'agent', groupNames: ['Service Desk'] });
    const created = await api.createToken({ name: 'short lived', scopes: ['tickets:read'] });
    const bot = tokenClient(desk, created.token);
    await bot.listTickets();
    await api.revokeToken(created.id);
    await expectProblem(bot.listTickets(), 401);
    await expectProblem(bot.me(), 401);
    expect((await api.tokens()).items[0]!.revokedAt).not.toBeNull();
    await expectProblem(api.revokeToken(created.id), 404);
  });

  it('cannot revoke another person’s token', async () => {
    const owner = await signedIn(desk, { role: 'agent', groupNames: ['Service Desk'] });
    const other = await signedIn(desk, { role: 'agent', groupNames: ['Service Desk'] });
    const created = await owner.api.createToken({ name: 'mine', scopes: ['tickets:read'] });
    await expectProblem(other.api.revokeToken(created.id), 404);
    await tokenClient(desk, created.token).listTickets();
  });

  it('answers an unknown or malformed Bearer token with 401', async () => {
    for (const token of ['dsk_thisisnotarealtokenatallnotatall', 'garbage']) {
      await expectProblem(tokenClient(desk, token).listTickets(), 401);
    }
  });
});
