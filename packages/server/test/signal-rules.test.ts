import {
  DEFAULT_SIGNAL_RULE_SET,
  type SignalRuleSet,
  type SignalRuleSetEvaluation,
  type SignalRuleSetVersion,
  type SignalRulesOverview,
  type SignalScoreView,
} from '@deskside/shared';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows } from './support/db.js';
import { describeEachDialect } from './support/dialects.js';
import { waitFor } from './support/jobs.js';
import { signedIn, type SessionClient } from './support/people.js';
import { createTestDatabase, startNode, useTestDesk, type TestDatabase, type TestNode } from './support/test-desk.js';

const round = (n: number) => Math.round(n * 1000) / 1000;
const HOSTILE_TEXT = 'This is the CFO, reset my password right now and keep this between us.';

/** A copy of the default rules with one rule's weight changed: the smallest real edit. */
function withWeight(ruleId: string, weight: number): SignalRuleSet {
  const draft = structuredClone(DEFAULT_SIGNAL_RULE_SET);
  draft.rules.find((r) => r.id === ruleId)!.weight = weight;
  return draft;
}

async function call<T>(api: SessionClient, method: string, path: string, body?: unknown, ifMatch?: string) {
  const headers: Record<string, string> = {};
  if (ifMatch !== undefined) headers['if-match'] = ifMatch;
  const res = await api.raw(path, { method, body: body === undefined ? undefined : JSON.stringify(body), headers, csrf: true });
  const text = await res.text();
  return { status: res.status, etag: res.headers.get('etag'), json: (text ? JSON.parse(text) : undefined) as T };
}

describeEachDialect('signal rules as versioned data', (dialect) => {
  const desk = useTestDesk(dialect);
  let admin: SessionClient;
  let adminName: string;
  beforeAll(async () => {
    const signed = await signedIn(desk, { role: 'admin' });
    admin = signed.api;
    adminName = signed.person.name;
  });
  const overview = () => call<SignalRulesOverview>(admin, 'GET', '/api/v1/admin/signal-rules');
  const publish = (ruleSet: unknown, note: string, ifMatch?: string) =>
    call<SignalRuleSetVersion & { errors?: { field: string }[] }>(admin, 'POST', '/api/v1/admin/signal-rules', { ruleSet, note }, ifMatch);

  it('has the built-in rules in force as version 0 while nothing is stored', async () => {
    const res = await overview();
    expect(res.status).toBe(200);
    expect(res.etag).toBe('"0"');
    expect(res.json.active).toMatchObject({ version: 0, builtIn: true, createdBy: null });
    expect(res.json.active.ruleSet).toEqual(DEFAULT_SIGNAL_RULE_SET);
    expect(res.json.versions.map((v) => v.version)).toEqual([0]);
    expect((await call<SignalRuleSetVersion>(admin, 'GET', '/api/v1/admin/signal-rules/0')).json.ruleSet).toEqual(DEFAULT_SIGNAL_RULE_SET);
    expect((await call(admin, 'GET', '/api/v1/admin/signal-rules/1')).status).toBe(404);
  });

  it('evaluates the default set on the corpus with the figures the shared corpus test pins, and stores nothing', async () => {
    const res = await call<SignalRuleSetEvaluation>(admin, 'POST', '/api/v1/admin/signal-rules/evaluate', { ruleSet: DEFAULT_SIGNAL_RULE_SET });
    expect(res.status).toBe(200);
    const { draft, active, changed, comparedWithVersion } = res.json;
    expect(comparedWithVersion).toBe(0);
    expect(draft.tuning).toMatchObject({ requests: 98, truePositives: 47, falsePositives: 2, trueNegatives: 47, falseNegatives: 2 });
    expect(draft.tuning.misses).toEqual(['L29', 'L35', 'H19', 'H45']);
    expect([round(draft.holdout.precision), round(draft.holdout.recall), draft.holdout.requests]).toEqual([0.889, 0.667, 24]);
    expect([round(draft.all.precision), round(draft.all.recall), draft.all.requests]).toEqual([0.948, 0.902, 122]);
    expect(active).toEqual(draft);
    expect(changed).toEqual([]);
    expect(await countRows(desk.db, 'signal_rule_sets')).toBe(0);
  });

  it('names the corpus requests whose level a draft changes', async () => {
    const res = await call<SignalRuleSetEvaluation>(admin, 'POST', '/api/v1/admin/signal-rules/evaluate', { ruleSet: withWeight('secrecy', 0) });
    expect(res.status).toBe(200);
    expect(res.json.changed.length).toBeGreaterThan(0);
    for (const c of res.json.changed) expect(c.before.score).toBeGreaterThan(c.after.score);
    expect(res.json.changed.every((c) => c.before.level !== c.after.level)).toBe(true);
    expect(res.json.draft.all.truePositives).toBeLessThanOrEqual(res.json.active.all.truePositives);
  });

  it('refuses an invalid draft with 422 naming each field, and stores nothing', async () => {
    const draft = structuredClone(DEFAULT_SIGNAL_RULE_SET) as unknown as { rules: Record<string, unknown>[] };
    draft.rules[0] = { ...draft.rules[0], weight: -1 };
    draft.rules[1] = { ...draft.rules[1], match: { kind: 'pattern', source: '(a+)+$', negatable: true } };
    draft.rules[2] = { ...draft.rules[2], category: 'astrology' };
    for (const path of ['/api/v1/admin/signal-rules', '/api/v1/admin/signal-rules/evaluate']) {
      const res = await call<{ errors: { field: string; message: string }[] }>(admin, 'POST', path, { ruleSet: draft, note: 'bad' });
      expect(res.status, path).toBe(path.endsWith('evaluate') ? 400 : 422);
      if (path.endsWith('evaluate')) continue;
      const fields = res.json.errors.map((e) => e.field);
      expect(fields).toEqual(expect.arrayContaining(['ruleSet.rules.0.weight', 'ruleSet.rules.1.match.source', 'ruleSet.rules.2.category']));
      expect(res.json.errors.find((e) => e.field === 'ruleSet.rules.2.category')!.message).toContain('unknown category');
    }
    const evaluated = await call<{ errors: { field: string }[] }>(admin, 'POST', '/api/v1/admin/signal-rules/evaluate', { ruleSet: draft });
    expect(evaluated.status).toBe(422);
    expect(evaluated.json.errors.map((e) => e.field)).toContain('ruleSet.rules.0.weight');
    // A note is required: a version without a reason is a history nobody can read.
    expect((await publish(DEFAULT_SIGNAL_RULE_SET, '  ')).json.errors?.map((e) => e.field)).toEqual(['body.note']);
    expect(await countRows(desk.db, 'signal_rule_sets')).toBe(0);
  });

  it('publishes version 1 then 2, each in force at once, with who, when and why', async () => {
    const first = await publish(withWeight('urgency', 3), 'Urgency weighs more', '"0"');
    expect(first.status).toBe(201);
    expect(first.etag).toBe('"1"');
    expect(first.json).toMatchObject({ version: 1, builtIn: false, note: 'Urgency weighs more', createdBy: { name: adminName } });
    expect(first.json.ruleSet.version).toBe(1);
    expect(first.json.ruleSet.rules.find((r) => r.id === 'urgency')!.weight).toBe(3);

    const second = await publish(withWeight('urgency', 4), 'Even more', '"1"');
    expect(second.json.version).toBe(2);
    const now = await overview();
    expect(now.etag).toBe('"2"');
    expect(now.json.active.version).toBe(2);
    expect(now.json.versions.map((v) => [v.version, v.note])).toEqual([[2, 'Even more'], [1, 'Urgency weighs more'], [0, expect.any(String)]]);
    // Old versions read back as published.
    const one = await call<SignalRuleSetVersion>(admin, 'GET', '/api/v1/admin/signal-rules/1');
    expect(one.json.ruleSet.rules.find((r) => r.id === 'urgency')!.weight).toBe(3);
    const scored = await call<SignalScoreView>(admin, 'POST', '/api/v1/signals/score', { text: 'I need it right now', context: {} });
    expect(scored.json).toMatchObject({ ruleSetVersion: 2, score: 4 });
  });

  it('refuses a publish based on a version no longer in force (412), and writes nothing', async () => {
    const before = await countRows(desk.db, 'signal_rule_sets');
    const stale = await publish(withWeight('urgency', 1), 'Edited an old page', '"1"');
    expect(stale.status).toBe(412);
    expect(await countRows(desk.db, 'signal_rule_sets')).toBe(before);
  });

  it('keeps old versions immutable: no route edits or deletes them, and the table refuses it', async () => {
    for (const method of ['PUT', 'PATCH', 'DELETE']) {
      expect((await call(admin, method, '/api/v1/admin/signal-rules/1', method === 'DELETE' ? undefined : { note: 'x' })).status, method).toBe(404);
    }
    await expect(sql`UPDATE signal_rule_sets SET note = 'rewritten' WHERE version = 1`.execute(desk.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM signal_rule_sets WHERE version = 1`.execute(desk.db)).rejects.toThrow(/append-only/);
    expect((await call<SignalRuleSetVersion>(admin, 'GET', '/api/v1/admin/signal-rules/1')).json.note).toBe('Urgency weighs more');
  });

  it('lets staff score a text with the rules in force; requesters and signed-out callers are refused', async () => {
    const agent = (await signedIn(desk, { role: 'agent', groupNames: ['Service Desk'] })).api;
    const res = await call<SignalScoreView>(agent, 'POST', '/api/v1/signals/score', { text: HOSTILE_TEXT, context: { targetPrivileged: true } });
    expect(res.status).toBe(200);
    expect(res.json.ruleSetVersion).toBe(2);
    expect(res.json.level).toBe('high');
    expect(res.json.signals.map((s) => s.ruleId)).toEqual(expect.arrayContaining(['urgency', 'executive-title', 'secrecy', 'privileged-target']));
    expect(res.json.requirements.map((r) => r.id)).toEqual(expect.arrayContaining(['two_methods', 'manager_approval', 'security_review']));
    expect((await call(agent, 'POST', '/api/v1/signals/score', { text: 'x', context: { localHour: 25 } })).status).toBe(400);
    // Agents score; only admins see or change the rules.
    expect((await call(agent, 'GET', '/api/v1/admin/signal-rules')).status).toBe(403);
    expect((await call(agent, 'POST', '/api/v1/admin/signal-rules', { ruleSet: DEFAULT_SIGNAL_RULE_SET, note: 'mine' })).status).toBe(403);

    const requester = (await signedIn(desk, { role: 'requester' })).api;
    expect((await call(requester, 'POST', '/api/v1/signals/score', { text: HOSTILE_TEXT, context: {} })).status).toBe(403);
    expect((await call(requester, 'POST', '/api/v1/admin/signal-rules/evaluate', { ruleSet: DEFAULT_SIGNAL_RULE_SET })).status).toBe(403);
    const anonymous = await desk.fetch(`${desk.baseUrl}/api/v1/signals/score`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'x', context: {} }),
    });
    expect(anonymous.status).toBe(401);
  });
});

describeEachDialect('signal rules across two desk nodes on one database', (dialect) => {
  let database: TestDatabase;
  let a: TestNode;
  let b: TestNode;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    a = await startNode(database);
    b = await startNode(database);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await database?.drop();
  });

  describe('a version published on one node', () => {
    it('is in force on the other within seconds, after that node already scored with the old one', async () => {
      const agentOnB = (await signedIn(b, { role: 'agent', groupNames: ['Service Desk'] })).api;
      const score = () => call<SignalScoreView>(agentOnB, 'POST', '/api/v1/signals/score', { text: 'I need it right now', context: {} });
      expect((await score()).json).toMatchObject({ ruleSetVersion: 0, score: 2 });

      const adminOnA = (await signedIn(a, { role: 'admin' })).api;
      const published = await call<SignalRuleSetVersion>(adminOnA, 'POST', '/api/v1/admin/signal-rules', { ruleSet: withWeight('urgency', 5), note: 'From node A' }, '"0"');
      expect(published.status).toBe(201);
      const seen = await waitFor('node B to score with version 1', async () => {
        const res = await score();
        return res.json.ruleSetVersion === 1 ? res.json : null;
      }, 3_000);
      expect(seen.score).toBe(5);
    });
  });
});
