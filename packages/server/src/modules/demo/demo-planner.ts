import { DEFAULT_PRIORITY_MATRIX, priorityFor, type Level, type PendingReason } from '@deskside/shared';
import type { TicketChannel } from '../tickets/index.js';
import { CHECK_INS, OPEN_OUTCOMES, OUTCOME_MIX, PACE, PROMISE_MINUTES, openedAt, storyFits, towardsNow, type Outcome } from './demo-outcomes.js';
import { DEMO_REQUESTERS, DEMO_STAFF, SCENARIO_CAST, type DemoGroup, type DemoPerson } from './demo-people.js';
import { DAY, HOUR, MINUTE, layout, type DraftStep, type PlanStep, type TicketPlan, type TimedStep } from './demo-plan.js';
import { fill, storyVars, type DemoStory, type StoryFix } from './demo-story.js';
import type { Rng } from './prng.js';
import { ENDPOINT_STORIES } from './stories-endpoints.js';
import { IDENTITY_STORIES } from './stories-identity.js';
import { NETWORK_STORIES } from './stories-network.js';
import { REQUEST_STORIES } from './stories-requests.js';

const STORIES: readonly DemoStory[] = [...NETWORK_STORIES, ...IDENTITY_STORIES, ...ENDPOINT_STORIES, ...REQUEST_STORIES];

const CHANNELS: readonly { channel: TicketChannel; weight: number }[] = [
  { channel: 'portal', weight: 55 },
  { channel: 'email', weight: 25 },
  { channel: 'desk', weight: 20 },
];

/** The everyday tickets: each outcome of the mix, each with a story, a caller and a timeline. */
export function planEverydayTickets(rng: Rng, now: number): TicketPlan[] {
  const plans: TicketPlan[] = [];
  for (const { outcome, count, ageHours } of OUTCOME_MIX) {
    for (let i = 0; i < count; i++) plans.push(planTicket(rng, now, outcome, ageHours));
  }
  return plans;
}

function membersOf(group: DemoGroup): string[] {
  return DEMO_STAFF.filter((p) => p.groups?.includes(group)).map((p) => p.name);
}

/** Tier 1 takes most calls; the Service Desk lead takes some herself. */
function pickAgent(rng: Rng): string {
  return rng.weighted(membersOf('Service Desk'), (name) => (DEMO_STAFF.find((p) => p.name === name)?.role === 'lead' ? 1 : 4));
}

function pickRequester(rng: Rng, story: DemoStory): DemoPerson {
  const pool = DEMO_REQUESTERS.filter(
    (p) => p.name !== SCENARIO_CAST.cfo && (!story.departments || (p.department && story.departments.includes(p.department))),
  );
  return rng.pick(pool);
}

/** Most tickets keep the story's triage; some callers are more blocked, some teams more affected. */
function triage(rng: Rng, story: DemoStory): { impact: Level; urgency: Level } {
  const clamp = (n: number) => Math.min(3, Math.max(1, n)) as Level;
  const urgencyShift = rng.chance(0.25) ? (rng.chance(0.5) ? -1 : 1) : 0;
  const impactShift = rng.chance(0.1) ? -1 : rng.chance(0.1) ? 1 : 0;
  return { impact: clamp(story.impact + impactShift), urgency: clamp(story.urgency + urgencyShift) };
}

function planTicket(rng: Rng, now: number, outcome: Outcome, ageHours: [number, number]): TicketPlan {
  const story = rng.weighted(STORIES.filter((s) => storyFits(s, outcome)), (s) => s.weight);
  const person = pickRequester(rng, story);
  const vars = storyVars(rng, person);
  const t = (text: string) => fill(text, vars);
  const { impact, urgency } = triage(rng, story);
  const priority = priorityFor(DEFAULT_PRIORITY_MATRIX, impact, urgency);
  const pace = PACE[priority];
  const gap = (min: number, max: number) => rng.between(min, max) * pace;
  const channel = rng.weighted(CHANNELS, (c) => c.weight).channel;
  const agent = pickAgent(rng);
  // Young outcomes keep their age: a week-old unacknowledged ticket would be a different story.
  const createdAt = openedAt(rng, now, ageHours, !['new', 'acknowledged', 'resolved'].includes(outcome));
  const overdue = rng.chance(0.3);
  const promiseMinutes = rng.between(...PROMISE_MINUTES[priority]);
  const aheadMinutes = rng.between(20, 900) * pace;

  const escalation = story.escalate && outcome !== 'new' && rng.chance(story.escalate.chance) ? story.escalate.group : null;
  const unaccepted = escalation !== null && (outcome === 'acknowledged' || (outcome === 'in_progress' && rng.chance(0.35)));
  const specialist = escalation ? rng.pick(membersOf(escalation)) : agent;
  const named = rng.chance(0.5);
  const worker = escalation && !unaccepted ? specialist : agent;
  const fix: StoryFix = { symptom: t(story.fix.symptom), cause: t(story.fix.cause), resolution: t(story.fix.resolution), category: story.fix.category };
  const handoff = t(story.handoff ?? `${story.restatement} Found so far: ${story.notes[0]} Handing over; the requester knows who has it now.`);
  const handOver = (): PlanStep => ({ kind: 'assign', by: agent, group: escalation!, ...(named ? { to: specialist } : {}), note: handoff });

  const drafts: DraftStep[] = [];
  const intake = () => {
    drafts.push({ kind: 'take', by: agent, gap: gap(3, 60) });
    drafts.push({ kind: 'ack', by: agent, restatement: t(story.restatement), promiseAt: 0, gap: gap(0.5, 3) });
  };
  const work = (withUpdate = true) => {
    drafts.push({ kind: 'start', by: agent, gap: gap(2, 60) });
    drafts.push({ kind: 'note', by: agent, body: t(story.notes[0]!), gap: gap(10, 90) });
    if (escalation && !unaccepted) {
      drafts.push({ ...handOver(), gap: gap(5, 60) });
      drafts.push({ kind: 'accept', by: specialist, gap: gap(10, 240) });
    }
    if (story.notes[1]) drafts.push({ kind: 'note', by: worker, body: t(story.notes[1]), gap: gap(20, 240) });
    if (withUpdate) drafts.push({ kind: 'reply', by: worker, body: t(story.update), gap: gap(10, 120) });
  };
  /** Some finished tickets waited on someone along the way; decided before the work, which it shapes. */
  const midwayWait = (): DraftStep[] => {
    const waits = story.waits ?? {};
    if (waits.user && story.answer && rng.chance(0.25)) {
      return [
        { kind: 'pend', by: worker, reason: 'user', note: t(waits.user), gap: gap(5, 60) },
        { kind: 'reply', by: person.name, body: t(story.answer), gap: rng.between(60, 1440) },
      ];
    }
    if ((waits.vendor || waits.change) && rng.chance(0.15)) {
      const reason: PendingReason = waits.vendor ? 'vendor' : 'change';
      return [
        { kind: 'pend', by: worker, reason, note: t(waits[reason]!), gap: gap(5, 60) },
        { kind: 'start', by: worker, gap: rng.between(12 * 60, 4 * 24 * 60) },
      ];
    }
    return [];
  };
  const fixIt = () => {
    if (story.workaround && rng.chance(0.3)) {
      drafts.push({ kind: 'restore', by: worker, workaround: t(story.workaround), gap: gap(20, 300) });
      drafts.push({ kind: 'resolve', by: worker, fix, gap: rng.between(1, 4) * 24 * 60 * Math.min(1, pace) });
    } else {
      drafts.push({ kind: 'resolve', by: worker, fix, gap: gap(20, 480) });
    }
  };
  const reopen = () => {
    drafts.push({ kind: 'reopen', by: person.name, reason: t(story.reopen!), gap: rng.between(120, 2880) });
    drafts.push({ kind: 'note', by: worker, body: 'Reopened by the requester: the first fix did not hold. Checking whether the cause came back or was never the cause.', gap: gap(10, 120) });
  };

  let limit = now - Math.min(3 * HOUR, 0.3 * (now - createdAt));
  let confirmGap = 0;
  switch (outcome) {
    case 'new':
      if (now - createdAt > 4 * HOUR && rng.chance(0.35)) {
        drafts.push({ kind: 'reply', by: person.name, body: 'Any news on this? Still stuck, thanks.', gap: rng.between(60, 600) });
      }
      limit = now - MINUTE;
      break;
    case 'acknowledged':
      intake();
      if (rng.chance(0.4)) drafts.push({ kind: 'note', by: agent, body: t(story.notes[0]!), gap: gap(5, 60) });
      break;
    case 'in_progress':
    case 'restored':
    case 'pending_user':
    case 'pending_vendor':
    case 'pending_change':
      intake();
      work(outcome !== 'pending_user');
      if (outcome === 'restored') drafts.push({ kind: 'restore', by: worker, workaround: t(story.workaround!), gap: gap(20, 300) });
      if (outcome.startsWith('pending_')) {
        const reason = outcome.slice(8) as PendingReason;
        drafts.push({ kind: 'pend', by: worker, reason, note: t(story.waits![reason]!), gap: gap(5, 60) });
      }
      break;
    case 'reopened_open':
      intake();
      work();
      drafts.push({ kind: 'resolve', by: worker, fix, gap: gap(20, 480) });
      reopen();
      break;
    case 'resolved':
    case 'closed_confirmed':
    case 'closed_auto':
    case 'reopened_closed': {
      intake();
      const direct = !escalation && rng.chance(0.3);
      if (direct) drafts.push({ kind: 'note', by: agent, body: t(story.notes[0]!), gap: gap(5, 40) });
      else {
        const wait = midwayWait();
        work(wait[0]?.kind !== 'pend' || wait[0].reason !== 'user');
        drafts.push(...wait);
      }
      fixIt();
      if (outcome === 'reopened_closed') {
        reopen();
        drafts.push({ kind: 'resolve', by: worker, fix: { ...fix, resolution: `${fix.resolution} Second visit: found and removed what brought it back.` }, gap: gap(60, 1440) });
      }
      confirmGap = Math.min(rng.between(20, 1800), (0.4 * (now - createdAt)) / MINUTE);
      limit = outcome === 'closed_auto' ? now - 5 * DAY - 4 * HOUR : now - (confirmGap + 10) * MINUTE;
      break;
    }
  }

  const steps = layout(createdAt, drafts, limit);
  for (const step of steps) if (step.kind === 'ack') step.promiseAt = step.at + promiseMinutes * MINUTE;
  if (outcome === 'closed_confirmed' || outcome === 'reopened_closed') {
    steps.push({ kind: 'confirm', by: person.name, at: steps.at(-1)!.at + Math.round(confirmGap * MINUTE) });
  }
  if (OPEN_OUTCOMES.includes(outcome)) {
    steps.push(...lastWord(rng, now, outcome, steps, { by: worker, overdue, aheadMinutes, assign: unaccepted ? handOver() : null }));
  }
  const byPhone = channel === 'desk';
  return {
    type: story.type,
    subject: t(rng.pick(story.subjects)),
    description: (byPhone ? 'Phoned the desk. ' : '') + t(rng.pick(story.descriptions)),
    impact,
    urgency,
    ...(byPhone && rng.chance(0.6) ? { category: story.fix.category } : {}),
    channel,
    requester: person.name,
    createdBy: byPhone ? agent : person.name,
    createdAt,
    steps,
  };
}

/**
 * The desk's most recent promise on an open ticket: a check-in reply (or, when
 * only acknowledged, the acknowledgement itself), some already overdue. A
 * hand-off still waiting for acceptance comes last: nobody has picked it up.
 */
function lastWord(
  rng: Rng,
  now: number,
  outcome: Outcome,
  steps: TimedStep[],
  o: { by: string; overdue: boolean; aheadMinutes: number; assign: PlanStep | null },
): TimedStep[] {
  const last = steps.at(-1)!;
  const share = rng.between(0.4, 0.9);
  const lateShare = rng.between(0.2, 0.8);
  const text = rng.pick(CHECK_INS[outcome as keyof typeof CHECK_INS]);
  const promiseFrom = (at: number) => (o.overdue ? towardsNow(at, now, lateShare) : Math.round(now + o.aheadMinutes * MINUTE));
  const tail: TimedStep[] = [];
  if (outcome === 'acknowledged') {
    const ack = steps.find((s) => s.kind === 'ack');
    if (ack && ack.kind === 'ack') ack.promiseAt = o.overdue ? towardsNow(ack.at, now, lateShare) : Math.max(ack.promiseAt, promiseFrom(ack.at));
  } else {
    const at = towardsNow(last.at, now, share);
    tail.push({ kind: 'reply', by: o.by, body: text, promiseAt: promiseFrom(at), at });
  }
  if (o.assign) {
    tail.push({ ...o.assign, at: towardsNow(tail.at(-1)?.at ?? last.at, now, 0.5) });
  }
  return tail;
}
