import type { DetectedSignal } from '@deskside/shared';
import type { Tx } from '../../db/connect.js';
import type { DirectoryPersonRow, TicketRow } from '../../db/types.js';
import { findGroupByName } from '../identity/index.js';
import { enqueueNotification } from '../notifications/index.js';
import { appendEvent, createTicket, SYSTEM_ACTOR } from '../tickets/index.js';

export const SECURITY_ALERT_KIND = 'access.security-alert';
/** The desk's own group (decision 0011) that reviews suspicious identity requests. */
export const SECURITY_GROUP = 'Security';

/** The desk people in the Security group; none when the group was removed. */
export async function securityMemberIds(tx: Tx): Promise<number[]> {
  const group = await findGroupByName(tx, SECURITY_GROUP);
  if (!group) return [];
  const members = await tx.selectFrom('group_members').select('user_id').where('group_id', '=', group.id).execute();
  return members.map((m) => m.user_id);
}

export interface SecurityAlert {
  requestId: string;
  actionType: string;
  ticket: Pick<TicketRow, 'id' | 'number' | 'subject' | 'description'>;
  target: Pick<DirectoryPersonRow, 'immutable_id' | 'name'>;
  agent: { id: number; name: string };
  /** Why Security is told: the signals found (a high score) and any velocity hold. */
  signals: readonly DetectedSignal[];
  signalLevel: string;
  velocityReasons: readonly string[];
  note: string | null;
  now: number;
  /**
   * Why Security is told, when it is not the signals at opening: a "No" from the person, a
   * break-glass request. Also keys the notification, so each reason alerts once.
   */
  reason?: { key: string; text: string };
  /** The security ticket an earlier alert about this request opened: the new alert is added to it. */
  securityTicketId?: number | null;
}

/**
 * Routes a suspicious request to Security in the caller's transaction (issue 5): a linked security
 * ticket in the Security group, opened by the desk itself (or the one an earlier alert opened), and a
 * notification to every member with the reason, the signals in plain words and the caller's words.
 * Returns the security ticket id.
 */
export async function alertSecurity(tx: Tx, a: SecurityAlert): Promise<number> {
  const group = await findGroupByName(tx, SECURITY_GROUP);
  const why = [
    ...a.signals.map((s) => `- ${s.label}: ${s.evidence}`),
    ...a.velocityReasons.map((r) => `- Velocity limit: ${r}`),
  ];
  const whyText = why.length > 0 ? why.join('\n') : '- (no signal named)';
  const transcript = [`Subject: ${a.ticket.subject}`, `Description: ${a.ticket.description}`, `Agent's note: ${a.note ?? '(none)'}`].join('\n');
  const what = `${a.actionType.replaceAll('_', ' ')} for ${a.target.name} (${a.target.immutable_id})`;

  const headline = a.reason?.text ?? `An identity request was routed to Security (signal level ${a.signalLevel}) and cannot execute without a security review.`;
  const existing = a.securityTicketId
    ? await tx.selectFrom('tickets').select(['id', 'number']).where('id', '=', a.securityTicketId).executeTakeFirst()
    : undefined;
  const security = existing ?? await createTicket(
    { tx, actor: SYSTEM_ACTOR, now: a.now },
    {
      type: 'incident',
      subject: `Suspicious identity request on ${a.ticket.number}: ${what}`.slice(0, 200),
      description: [
        headline,
        `Requested by agent ${a.agent.name} on ${a.ticket.number}.`,
        '',
        'Why:',
        whyText,
      ].join('\n'),
      impact: 2,
      urgency: 2,
      requesterId: a.agent.id,
      ...(group ? { groupId: group.id } : {}),
      channel: 'api',
    },
  );
  await appendEvent(tx, {
    ticketId: security.id,
    type: 'internal_note',
    visibility: 'internal',
    actorId: null,
    body: `${existing ? headline : `Opened for access request ${a.requestId} on ${a.ticket.number}.`}\n\nWhat the caller said:\n${transcript}`.slice(0, 20_000),
    data: { relatedTicketId: a.ticket.id, accessRequestId: a.requestId },
    now: a.now,
  });

  if (group) {
    await enqueueNotification(tx, {
      // The agent who opened the request is not the one to review it.
      recipientIds: (await securityMemberIds(tx)).filter((id) => id !== a.agent.id),
      ticketId: security.id,
      kind: SECURITY_ALERT_KIND,
      title: `${a.reason ? 'Security alert' : 'Security review'}: ${what} on ${a.ticket.number} (security ticket ${security.number})`,
      body: `${a.reason ? `${a.reason.text}\n\n` : ''}Why:\n${whyText}\n\nWhat the caller said:\n${transcript}`,
      sourceKey: a.reason ? `access-security:${a.requestId}:${a.reason.key}` : `access-security:${a.requestId}`,
      now: a.now,
    });
  }
  return security.id;
}
