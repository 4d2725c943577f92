import type { Ticket, TicketSummary } from '@deskside/shared';
import type { Db, Tx } from '../../db/connect.js';
import type { Actor } from '../identity/index.js';
import { computeTicketSlas, presentSlaSummary, presentTicketSla, type TicketSlaResult } from '../sla/index.js';
import { presentSummary, presentTicket } from './present-ticket.js';
import { can } from './ticket-policy.js';
import type { TicketView } from './tickets-repo.js';

type Q = Db | Tx;

// A write has just replayed the ticket's clocks to re-key it for the queue; its response
// reuses that replay instead of reading the events again. Keyed by the view object, which
// every reload creates afresh, and only for the instant it was computed at.
// A write that knows every event of the ticket (a create: only `created`) also leaves a
// replay for another instant, so the response, built after the COMMIT, needs no read.
type Replay = (now: number) => TicketSlaResult | null;
const replayed = new WeakMap<TicketView, { at: number; sla: TicketSlaResult | null; replay: Replay | undefined }>();

/** Remembers the SLA a write computed for this view as of `at` (and how to replay it as of later). */
export function rememberSla(t: TicketView, at: number, sla: TicketSlaResult | null, replay?: Replay): void {
  replayed.set(t, { at, sla, replay });
}

/** One ticket with its SLA clocks as of `now`, for staff; requesters get the ticket alone. */
export async function presentTicketWithSla(q: Q, actor: Actor, t: TicketView, now: number): Promise<Ticket> {
  if (!can(actor, 'viewInternal', t)) return presentTicket(t, actor);
  const known = replayed.get(t);
  const sla = known?.at === now ? known.sla : known?.replay && t.version === 1 ? known.replay(now) : (await computeTicketSlas(q, [t], now)).get(t.id);
  return presentTicket(t, actor, sla ? presentTicketSla(sla, t.priority) : null, sla ? presentSlaSummary(sla.state, now) : null);
}

/** A queue page; for staff, each row's SLA line, from one read of the whole page's events. */
export async function presentQueuePage(q: Q, actor: Actor, items: readonly TicketView[], now: number): Promise<TicketSummary[]> {
  const staffItems = items.filter((t) => can(actor, 'viewInternal', t));
  const slas = await computeTicketSlas(q, staffItems, now);
  return items.map((t) => {
    if (!can(actor, 'viewInternal', t)) return presentSummary(t, 'requester');
    const sla = slas.get(t.id);
    return presentSummary(t, { slaStatus: sla ? presentSlaSummary(sla.state, now) : null });
  });
}
