import type { CreateCalendarInput, CreateSlaPolicyInput, SlaPolicyTargets } from '@deskside/shared';
import { expect, it } from 'vitest';
import { describeEachDialect } from './support/dialects.js';
import { signedIn, tokenClient } from './support/people.js';
import { useTestDesk } from './support/test-desk.js';
import { expectProblem } from './support/tickets.js';

const day = [{ start: '09:00', end: '17:00' }];
const office = (name: string): CreateCalendarInput => ({
  name,
  timeZone: 'Europe/Berlin',
  hours: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: [], sun: [] },
  holidays: [{ kind: 'fixed', month: 12, day: 25, name: 'Christmas' }],
});
const same = { firstResponse: 30, nextUpdate: 120, restore: 240, resolve: 960 };
const targets: SlaPolicyTargets = { P1: { firstResponse: 10, nextUpdate: 30, restore: 60, resolve: 240 }, P2: same, P3: same, P4: { ...same, restore: null } };

describeEachDialect('calendars and SLA policies', (dialect) => {
  const desk = useTestDesk(dialect);
  let seq = 0;
  const unique = (what: string) => `${what} ${dialect} ${++seq}`;

  it('a new desk has a 24x7 and an office-hours calendar and a default policy on office hours', async () => {
    const { api } = await signedIn(desk, { role: 'agent', groupNames: ['Service Desk'] });
    const calendars = (await api.calendars()).items;
    const byName = new Map(calendars.map((c) => [c.name, c]));
    expect(byName.get('24x7')).toMatchObject({ alwaysOpen: true, version: 1 });
    expect(byName.get('Business hours')).toMatchObject({ alwaysOpen: false, timeZone: 'UTC' });
    expect(byName.get('Business hours')!.hours.mon).toEqual([{ start: '08:00', end: '18:00' }]);
    expect(byName.get('Business hours')!.hours.sat).toEqual([]);
    const policies = (await api.slaPolicies()).items;
    const standard = policies.find((p) => p.isDefault);
    expect(standard).toMatchObject({ name: 'Standard', calendar: { name: 'Business hours' }, pausedPendingReasons: ['user', 'vendor'], warnAtFraction: 0.75 });
    expect(standard!.targets.P1.firstResponse).toBe(15);
  });

  it('admins create, read and change calendars; a stale If-Match is refused', async () => {
    const { api } = await signedIn(desk, { role: 'admin' });
    const name = unique('Berlin office');
    const created = await api.createCalendar(office(name));
    expect(created).toMatchObject({ name, timeZone: 'Europe/Berlin', alwaysOpen: false, version: 1 });
    expect(created.holidays).toEqual([{ kind: 'fixed', month: 12, day: 25, name: 'Christmas' }]);
    expect(await api.calendar(created.id)).toEqual(created);
    const changed = await api.updateCalendar(created.id, { timeZone: 'America/New_York' }, 1);
    expect(changed).toMatchObject({ timeZone: 'America/New_York', version: 2 });
    const stale = await expectProblem(api.updateCalendar(created.id, { timeZone: 'Asia/Tokyo' }, 1), 412);
    expect(stale.detail).toMatch(/calendar changed/);
    expect((await api.calendar(created.id)).timeZone).toBe('America/New_York');
    await expectProblem(api.createCalendar(office(name)), 409);
    await expectProblem(api.calendar(999_999), 404);
  });

  it('refuses a bad time zone and overlapping hours with 400 naming the field', async () => {
    const { api } = await signedIn(desk, { role: 'admin' });
    const zone = await expectProblem(api.createCalendar({ ...office(unique('bad zone')), timeZone: 'Mars/Olympus' }), 400);
    expect(zone.errors?.[0]?.field).toBe('body.timeZone');
    const overlap = { ...office(unique('overlap')).hours, tue: [{ start: '08:00', end: '12:00' }, { start: '11:00', end: '15:00' }] };
    const hours = await expectProblem(api.createCalendar({ ...office(unique('overlap')), hours: overlap }), 400);
    expect(hours.errors?.[0]?.field).toBe('body.hours.tue.1');
    const never = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
    const created = await api.createCalendar(office(unique('closing')));
    const closed = await expectProblem(api.updateCalendar(created.id, { hours: never }), 400);
    expect(closed.errors?.[0]?.field).toBe('body.hours');
  });

  it('staff read calendars and policies; only admins change them; requesters see neither', async () => {
    const { api: agent } = await signedIn(desk, { role: 'agent', groupNames: ['Service Desk'] });
    const { api: requester } = await signedIn(desk, { role: 'requester' });
    const { api: admin } = await signedIn(desk, { role: 'admin' });
    await expectProblem(agent.createCalendar(office(unique('agent'))), 403);
    const calendar = (await agent.calendars()).items[0]!;
    await expectProblem(agent.updateCalendar(calendar.id, { name: unique('renamed') }), 403);
    await expectProblem(agent.createSlaPolicy({ name: unique('agent policy'), calendarId: calendar.id, targets }), 403);
    await expectProblem(requester.calendars(), 403);
    await expectProblem(requester.slaPolicies(), 403);
    const readOnly = await admin.createToken({ name: 'reader', scopes: ['tickets:read', 'tickets:write'] });
    await expectProblem(tokenClient(desk, readOnly.token).createCalendar(office(unique('token'))), 403);
    const adminToken = await admin.createToken({ name: 'admin', scopes: ['admin'] });
    expect((await tokenClient(desk, adminToken.token).createCalendar(office(unique('token')))).version).toBe(1);
  });

  it('admins create and change policies: validated targets, known calendar, one default, versions', async () => {
    const { api } = await signedIn(desk, { role: 'admin' });
    const calendar = (await api.calendars()).items.find((c) => c.name === '24x7')!;
    const input: CreateSlaPolicyInput = { name: unique('Gold'), calendarId: calendar.id, targets, conditions: { categories: [unique('gold')] }, position: 5 };
    const gold = await api.createSlaPolicy(input);
    expect(gold).toMatchObject({ calendar: { id: calendar.id, name: '24x7' }, isDefault: false, position: 5, version: 1, warnAtFraction: 0.75 });
    expect(gold.targets.P4.restore).toBeNull();
    expect(await api.slaPolicy(gold.id)).toEqual(gold);

    const tooShort = await expectProblem(api.createSlaPolicy({ ...input, name: unique('x'), targets: { ...targets, P2: { ...same, restore: 0 } } }), 400);
    expect(tooShort.errors?.[0]?.field).toBe('body.targets.P2.restore');
    const unknown = await expectProblem(api.createSlaPolicy({ ...input, name: unique('x'), calendarId: 999_999 }), 422);
    expect(unknown.detail).toMatch(/calendarId/);
    await expectProblem(api.createSlaPolicy(input), 409);

    const changed = await api.updateSlaPolicy(gold.id, { warnAtFraction: 0.5, pausedPendingReasons: ['user'] }, 1);
    expect(changed).toMatchObject({ warnAtFraction: 0.5, pausedPendingReasons: ['user'], version: 2 });
    await expectProblem(api.updateSlaPolicy(gold.id, { position: 7 }, 1), 412);

    const before = (await api.slaPolicies()).items.find((p) => p.isDefault)!;
    const nowDefault = await api.updateSlaPolicy(gold.id, { isDefault: true }, 2);
    expect(nowDefault.isDefault).toBe(true);
    const after = (await api.slaPolicies()).items;
    expect(after.filter((p) => p.isDefault).map((p) => p.id)).toEqual([gold.id]);
    // Give the desk its default back for the other tests.
    const restored = await api.updateSlaPolicy(before.id, { isDefault: true });
    expect(restored.isDefault).toBe(true);
    expect((await api.slaPolicies()).items.filter((p) => p.isDefault).map((p) => p.id)).toEqual([before.id]);
  });
});
