import { allowedNextStatuses, isOpenStatus, type TicketStatus } from '@deskside/shared';
import type { TicketRow } from '../../db/types.js';
import { forbidden, notFound } from '../../errors.js';
import { type Actor, isLeadOrAdmin, isStaff } from '../identity/index.js';

type T = Pick<TicketRow, 'requester_id' | 'group_id' | 'assignee_id' | 'status'>;

/** Staff who work this ticket: its owning group's members, its assignee, and leads/admins. */
function works(actor: Actor, t: T): boolean {
  return isStaff(actor) && (isLeadOrAdmin(actor) || actor.groupIds.includes(t.group_id) || t.assignee_id === actor.id);
}
const isRequester = (actor: Actor, t: T) => actor.id === t.requester_id;

/** The rulebook: who may do what to one ticket. Status rules live in the state machine. */
const RULES = {
  view: (a: Actor, t: T) => isStaff(a) || isRequester(a, t),
  viewInternal: (a: Actor) => isStaff(a),
  update: works,
  acknowledge: works,
  reply: (a: Actor, t: T) => works(a, t) || isRequester(a, t),
  note: (a: Actor) => isStaff(a),
  assign: works,
  accept: (a: Actor, t: T) =>
    isStaff(a) && (t.assignee_id === a.id || (t.assignee_id === null && a.groupIds.includes(t.group_id))),
  start: works,
  pend: works,
  restore: works,
  resolve: works,
  confirm: isRequester,
  reopen: (a: Actor, t: T) => works(a, t) || isRequester(a, t),
} satisfies Record<string, (a: Actor, t: T) => boolean>;

export type TicketAbility = keyof typeof RULES;

export function can(actor: Actor, ability: TicketAbility, t: T): boolean {
  return RULES[ability](actor, t);
}

/** Throws 404 for a ticket the actor may not see (indistinguishable from absent), 403 for a forbidden act. */
export function authorize(actor: Actor, ability: TicketAbility, t: T): void {
  if (!can(actor, 'view', t)) throw notFound();
  if (!can(actor, ability, t)) throw forbidden(`You may not ${ability} this ticket`);
}

const STATUS_FOR: Partial<Record<TicketAbility, TicketStatus>> = {
  acknowledge: 'acknowledged',
  start: 'in_progress',
  pend: 'pending',
  restore: 'restored',
  resolve: 'resolved',
  confirm: 'closed',
};

/** What the actor may do now: allowed by the rulebook and, for moves, by the state machine. */
export function abilitiesOf(actor: Actor, t: T & { accepted_at: number | null }): TicketAbility[] {
  const next = allowedNextStatuses(t.status);
  return (Object.keys(RULES) as TicketAbility[]).filter((ability) => {
    if (!can(actor, ability, t)) return false;
    const target = STATUS_FOR[ability];
    // Moves out of resolved/closed other than confirm go through reopen (reason, counted).
    if (target) return next.includes(target) && (isOpenStatus(t.status) || ability === 'confirm');
    if (ability === 'reopen') return !isOpenStatus(t.status);
    if (ability === 'accept') return t.accepted_at === null && isOpenStatus(t.status);
    return true;
  });
}
