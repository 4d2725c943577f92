import type { AccessRequest } from '@deskside/shared';
import type { Tx } from '../../db/connect.js';
import type { DirectoryPersonRow } from '../../db/types.js';
import { type AccessMailRecipient, type MailOrigin, queueAccessNotice } from '../mail/index.js';
import { performerFor } from './action-performers.js';
import { type AccessContext, commitStep, decide, type LoadedAccessRequest } from './access-writes.js';

/** A previous e-mail address of record still hears about actions this long after it changed. */
export const PREVIOUS_ADDRESS_WINDOW_DAYS = 30;
const DAY = 24 * 60 * 60 * 1000;

const RESET_DONE = (name: string) => `A single-use link to set a new password for ${name} was sent to their e-mail address of record.`;

/** The loaded request as it stands after a step committed in the same transaction. */
export function advanced(loaded: LoadedAccessRequest, next: AccessRequest, version: number): LoadedAccessRequest {
  const row = { ...loaded.row, version, state: next.state, executed_at: next.executedAt, notified_at: next.notifiedAt, execution_attempts: next.executionAttempts, outcome_detail: next.lastReason };
  return { ...loaded, row, request: next };
}

/**
 * Tells the target, at every address of record (the previous one too when it changed recently),
 * and their manager what was done, when and by which desk, then records `notified`. There is no
 * way to turn it off. When nothing can be sent (no addresses, or the desk sends no mail) the
 * request stays `executed` and never claims it notified anyone.
 */
export async function notifyExecuted(c: AccessContext, loaded: LoadedAccessRequest, origin: MailOrigin): Promise<void> {
  const { target, request, ticket } = loaded;
  // A reset made in a manual directory's console has a performer of its own: no desk link was sent.
  const performer = performerFor(request.action.type, loaded.row.manual_steps !== null);
  const what = performer ? await performer.done(loaded, c.tx) : request.action.type === 'reset_password' ? RESET_DONE(target.name) : `An identity action (${request.action.type}) was performed on the account of ${target.name}.`;
  const sent = await queueAccountNotices(c, origin, { target, what, at: request.executedAt ?? c.now, ticketNumber: ticket.number, sourceKey: request.id });
  if (sent.queued === 0) return;
  const next = decide(request, { type: 'record_notified' }, c.now);
  await commitStep(c, loaded, next, { noticesTo: sent.recipients.join(', ') });
}

/**
 * Queues a notice of what was done to a person's account to them, at every address of record (the
 * previous one too when it changed recently), and to their manager; one mail per address and
 * `sourceKey`. Returns how many will be sent and to whom ("target: a@b").
 */
export async function queueAccountNotices(
  c: { tx: Tx; now: number }, origin: MailOrigin,
  notice: { target: DirectoryPersonRow; what: string; at: number; ticketNumber: string; sourceKey: string },
): Promise<{ queued: number; recipients: string[] }> {
  const { target } = notice;
  const recipients: { to: AccessMailRecipient; role: 'target' | 'manager' }[] = [];
  const seen = new Set<string>();
  const add = (email: string | null, name: string, role: 'target' | 'manager') => {
    if (!email || !email.includes('@') || seen.has(email.toLowerCase())) return;
    seen.add(email.toLowerCase());
    recipients.push({ to: { name, email }, role });
  };
  add(target.email, target.name, 'target');
  if (c.now - target.email_changed_at <= PREVIOUS_ADDRESS_WINDOW_DAYS * DAY) add(target.email_previous, target.name, 'target');
  if (target.manager_immutable_id) {
    const manager = await c.tx
      .selectFrom('directory_people')
      .select(['name', 'email'])
      .where('immutable_id', '=', target.manager_immutable_id)
      .where('gone_at', 'is', null)
      .executeTakeFirst();
    if (manager) add(manager.email, manager.name, 'manager');
  }

  const when = new Date(notice.at).toISOString().replace('T', ' ').slice(0, 16);
  let queued = 0;
  for (const r of recipients) {
    const paragraphs = [
      `Hello ${r.to.name},`,
      r.role === 'manager' ? `You are told because you are the manager of ${target.name}.` : 'This is a notice about your own account.',
      notice.what,
      `When: ${when} UTC. By: the IT service desk, ticket ${notice.ticketNumber}.`,
      'If this was not you, or you did not expect it, call the Security desk now. Do not reply with any password or code.',
    ];
    const id = await queueAccessNotice(c.tx, origin, {
      to: r.to, subject: r.role === 'manager' ? `Security notice about ${target.name}'s account` : 'Security notice about your account',
      paragraphs, sourceKey: `${notice.sourceKey}:${r.to.email.toLowerCase()}`,
    }, c.now);
    if (id !== null) queued++;
  }
  return { queued, recipients: recipients.map((r) => `${r.role}: ${r.to.email}`) };
}
