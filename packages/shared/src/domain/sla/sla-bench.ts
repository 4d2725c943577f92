// Micro benchmark, not a test: `npx tsx packages/shared/src/domain/sla/sla-bench.ts`.
// Replays 100,000 realistic open and recently closed tickets on an office calendar and
// prints {tickets, ms}; the server's budget is 2 s for this many.
import type { BusinessCalendar, HoursInterval } from '../calendar/index.js';
import { PRIORITIES } from '../priority.js';
import { computeSlaState } from './compute-sla.js';
import type { SlaFact } from './facts.js';
import { DEFAULT_SLA_POLICY } from './policy.js';
import { timeToBreach } from './time-to-breach.js';

const TICKETS = 100_000;
const MINUTE = 60_000;
const DAY = 86_400_000;

const day: HoursInterval[] = [{ start: '08:00', end: '12:30' }, { start: '13:00', end: '18:00' }];
const calendar: BusinessCalendar = {
  timeZone: 'Europe/Berlin',
  alwaysOpen: false,
  hours: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: [], sun: [] },
  holidays: [
    { kind: 'fixed', month: 12, day: 25 },
    { kind: 'fixed', month: 1, day: 1 },
    { kind: 'nthWeekday', month: 5, weekday: 'mon', nth: 'last' },
  ],
};

// A small deterministic generator, so every run measures the same tickets.
let seed = 42;
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
};
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

const now = Date.UTC(2026, 2, 31, 9, 30);

function ticketHistory(): SlaFact[] {
  const createdAt = now - Math.floor(random() * 30 * DAY);
  let t = createdAt;
  const step = (maxMinutes: number) => (t = Math.min(now, t + Math.floor(random() * maxMinutes * MINUTE)));
  const priority = pick(PRIORITIES);
  const facts: SlaFact[] = [{ kind: 'created', at: createdAt, priority }];
  facts.push({ kind: 'firstResponse', at: step(240) }, { kind: 'statusChanged', at: t, from: 'new', to: 'acknowledged' });
  facts.push({ kind: 'statusChanged', at: step(600), from: 'acknowledged', to: 'in_progress' });
  if (random() < 0.15) facts.push({ kind: 'priorityChanged', at: step(600), from: priority, to: pick(PRIORITIES) });
  for (let u = Math.floor(random() * 4); u > 0; u--) facts.push({ kind: 'publicUpdate', at: step(900) });
  if (random() < 0.4) {
    facts.push({ kind: 'statusChanged', at: step(900), from: 'in_progress', to: 'pending', pendingReason: pick(['user', 'vendor', 'change'] as const) });
    facts.push({ kind: 'statusChanged', at: step(3000), from: 'pending', to: 'in_progress' });
  }
  if (random() < 0.3) facts.push({ kind: 'restored', at: step(1200) });
  if (random() < 0.1) facts.push({ kind: 'resolved', at: step(2000) });
  // Some events are recorded late, out of order.
  if (random() < 0.1) facts.reverse();
  return facts;
}

const histories = Array.from({ length: TICKETS }, ticketHistory);
const started = performance.now();
let checksum = 0;
for (const facts of histories) {
  const state = computeSlaState(facts, DEFAULT_SLA_POLICY, calendar, now);
  checksum += timeToBreach(state, now) > 0 ? 1 : 0;
}
const ms = Math.round(performance.now() - started);
console.log(JSON.stringify({ tickets: TICKETS, ms }));
if (checksum < 0) console.error('unreachable: keeps the work from being optimised away');
