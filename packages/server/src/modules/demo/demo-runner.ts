import type { Db, Tx } from '../../db/connect.js';
import type { Actor } from '../identity/index.js';
import {
  acceptTicket,
  acknowledgeTicket,
  addComment,
  assignTicket,
  confirmTicket,
  createTicket,
  pendTicket,
  reopenTicket,
  resolveTicket,
  restoreTicket,
  startWork,
  updateTicket,
  type TicketView,
} from '../tickets/index.js';
import type { DemoGroup } from './demo-people.js';
import type { TicketPlan, TimedStep } from './demo-plan.js';

/** The demo's people and groups as the use cases need them. */
export interface DemoDirectory {
  actor(name: string): Actor;
  groupId(name: DemoGroup): number;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Writes one planned ticket through the same use cases the API calls, in one transaction. */
export async function runPlan(db: Db, directory: DemoDirectory, plan: TicketPlan): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const author = directory.actor(plan.createdBy);
    const requester = directory.actor(plan.requester);
    let ticket: TicketView = await createTicket(
      { tx, actor: author, now: plan.createdAt },
      {
        type: plan.type,
        subject: plan.subject,
        description: plan.description,
        impact: plan.impact,
        urgency: plan.urgency,
        channel: plan.channel,
        ...(plan.category ? { category: plan.category } : {}),
        ...(author.id !== requester.id ? { requesterId: requester.id } : {}),
        ...(plan.group ? { groupId: directory.groupId(plan.group) } : {}),
      },
    );
    for (const step of plan.steps) ticket = await runStep(tx, directory, ticket, step);
  });
}

async function runStep(tx: Tx, directory: DemoDirectory, ticket: TicketView, step: TimedStep): Promise<TicketView> {
  const actor = directory.actor(step.by);
  const ctx = { tx, actor, now: step.at };
  switch (step.kind) {
    case 'override':
      return updateTicket(ctx, ticket, { priorityOverride: { priority: step.priority, reason: step.reason } });
    case 'take':
      return assignTicket(ctx, ticket, { assigneeId: actor.id });
    case 'ack':
      return acknowledgeTicket(ctx, ticket, { restatement: step.restatement, nextUpdateAt: iso(step.promiseAt) });
    case 'start':
      return startWork(ctx, ticket);
    case 'note':
      return addComment(ctx, ticket, { body: step.body, visibility: 'internal' });
    case 'reply':
      return addComment(ctx, ticket, {
        body: step.body,
        visibility: 'public',
        ...(step.promiseAt !== undefined ? { nextUpdateAt: iso(step.promiseAt) } : {}),
      });
    case 'assign':
      return assignTicket(ctx, ticket, {
        groupId: directory.groupId(step.group),
        assigneeId: step.to ? directory.actor(step.to).id : null,
        note: step.note,
      });
    case 'accept':
      return acceptTicket(ctx, ticket);
    case 'pend':
      return pendTicket(ctx, ticket, { reason: step.reason, note: step.note });
    case 'restore':
      return restoreTicket(ctx, ticket, { workaround: step.workaround });
    case 'resolve':
      return resolveTicket(ctx, ticket, step.fix);
    case 'reopen':
      return reopenTicket(ctx, ticket, { reason: step.reason });
    case 'confirm':
      return confirmTicket(ctx, ticket);
  }
}
