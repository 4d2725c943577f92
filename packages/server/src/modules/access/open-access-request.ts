import { randomUUID } from 'node:crypto';
import {
  checkVelocity,
  openAccessRequest as openInCore,
  type AccessAction,
  type OpenAccessRequestBody,
  requirementsFor,
  stricterRequirementsFromIds,
  tierOfRequest,
  velocityRequirements,
} from '@deskside/shared';
import { forbidden, invalid, notFound } from '../../errors.js';
import { appendAuditEntry } from '../audit/index.js';
import { loadActiveAccessPolicy } from '../access-policy/index.js';
import { scoreAccessRequest } from '../access-signals/index.js';
import { requireRecentMfa } from '../identity/index.js';
import { loadTicketFor } from '../tickets/index.js';
import { agentHistory, partyOf } from './access-repo.js';
import { alertSecurity } from './alert-security.js';
import { checkLicenseAction } from './check-license-action.js';
import { recentMfaResets } from './count-recent-mfa-resets.js';
import { checkGroupAction } from './check-group-action.js';
import type { AccessContext } from './access-writes.js';

const DAY = 24 * 60 * 60 * 1000;

/** Opens an identity action on a ticket the agent works, on a target picked by directory id, scored for warning signs. */
export async function openAccessRequest(c: AccessContext, ticketRef: string | number, body: OpenAccessRequestBody): Promise<string> {
  const ticket = await loadTicketFor(c.tx, c.actor, ticketRef, 'update').catch((error: unknown) => {
    // Staff who may only look at the ticket are told it is not there, as requesters are.
    throw error instanceof Error && 'status' in error && error.status === 403 ? notFound() : error;
  });
  await requireRecentMfa(c.tx, c.actor, { now: c.now });
  const targetId = body.targetDirectoryId.trim();
  const target = await c.tx
    .selectFrom('directory_people')
    .selectAll()
    .where('immutable_id', '=', targetId)
    .where('gone_at', 'is', null)
    .executeTakeFirst();
  if (!target) throw invalid('targetDirectoryId', 'names nobody in the directory of record; pick the person from the directory');
  await checkLicenseAction(c.tx, body.action, target);

  const requesterParty = await partyOf(c.tx, c.actor.id);
  if (requesterParty === target.immutable_id) {
    throw forbidden('Nobody performs an identity action on their own account; another agent must handle it');
  }
  const linkedDesk = await c.tx.selectFrom('users').select('role').where('directory_id', '=', target.id).executeTakeFirst();
  const groups = JSON.parse(target.groups) as { id: string }[];
  const { policy, version: policyVersion } = await loadActiveAccessPolicy(c.tx);
  const action: AccessAction = body.action;
  const tier = tierOfRequest(
    { directoryPrivileged: target.privileged === 1, groupIds: groups.map((g) => g.id), isDeskStaff: linkedDesk !== undefined && linkedDesk.role !== 'requester' },
    action,
    policy.privilegedGroupIds,
    await checkGroupAction(c, action, target, policy.privilegedGroupIds),
  );

  const since = c.now - DAY;
  const previous = await c.tx
    .selectFrom('access_requests')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('target_person_id', '=', target.id)
    .where('created_at', '>=', since)
    .executeTakeFirstOrThrow();
  const score = await scoreAccessRequest(c.tx, {
    text: [ticket.subject, ticket.description, body.note ?? ''].join('\n'),
    context: {
      targetPrivileged: tier === 'privileged',
      contactChangedDaysAgo: Math.max(0, Math.floor((c.now - target.phone_changed_at) / DAY)),
      changedContact: 'phone number',
      previousAttemptsLast24h: Number(previous.n),
      ...(await recentMfaResets(c.tx, action, target.id, c.now)),
    },
  });

  // Velocity limits per agent: a spree is held for a security review, as a high score is.
  const velocity = checkVelocity(
    { agentId: String(c.actor.id), targetTier: tier, now: c.now, history: await agentHistory(c.tx, c.actor.id, c.now) },
    policy.velocity,
  );
  const velocityReasons = velocity.decision === 'hold_for_review' ? velocity.reasons : [];
  const gate = requirementsFor(policy, {
    action: action.type,
    targetTier: tier,
    signalsRequirements: [...new Set([...stricterRequirementsFromIds(score.requirements.map((r) => r.id)), ...velocityRequirements(velocity)])],
    breakGlass: body.breakGlass !== undefined,
  });
  const requirements = { ...gate, because: [...gate.because, ...velocityReasons.map((reason) => `Held for a security review: ${reason}.`)] };
  const opened = openInCore({
    id: randomUUID(), action, targetId: target.immutable_id, requesterId: requesterParty, requirements,
    breakGlassReason: body.breakGlass?.reason ?? null, now: c.now, lifetimeMinutes: policy.requestLifetimeMinutes,
  });
  if (!opened.ok) throw opened.reason.startsWith('Break-glass') ? invalid('breakGlass.reason', opened.reason) : forbidden(opened.reason);
  const r = opened.request;
  const me = await c.tx.selectFrom('users').select('name').where('id', '=', c.actor.id).executeTakeFirstOrThrow();

  // A high score, a velocity hold or break-glass is routed to Security once, when the request is opened.
  const securityTicketId =
    score.level === 'high' || velocityReasons.length > 0 || requirements.alertSecurityAtOnce
      ? await alertSecurity(c.tx, {
          requestId: r.id, actionType: action.type, ticket, target, agent: { id: c.actor.id, name: me.name },
          signals: score.signals, signalLevel: score.level, velocityReasons, note: body.note ?? null, now: c.now,
          ...(body.breakGlass ? { reason: { key: 'break-glass', text: `Break-glass was used by ${me.name}. Their reason: ${body.breakGlass.reason}` } } : {}),
        })
      : null;

  await c.tx
    .insertInto('access_requests')
    .values({
      id: r.id, ticket_id: ticket.id, action: JSON.stringify(action), action_type: action.type,
      target_person_id: target.id, target_immutable_id: target.immutable_id, target_tier: tier,
      requester_id: c.actor.id, requester_party: requesterParty, state: r.state, version: 1,
      methods_required: requirements.methodsRequired, approvers_required: requirements.approversRequired,
      requirements: JSON.stringify(requirements),
      signals: JSON.stringify({ signals: score.signals, requirements: score.requirements }),
      signal_score: score.score, signal_level: score.level, rule_set_version: score.ruleSetVersion,
      execution_attempts: 0, created_at: c.now, updated_at: c.now, expires_at: r.expiresAt,
      executed_at: null, notified_at: null, outcome_detail: null, security_ticket_id: securityTicketId,
      break_glass_reason: body.breakGlass?.reason ?? null,
      policy_version: policyVersion,
    })
    .execute();
  await appendAuditEntry(c.tx, {
    action: action.type, outcome: 'requested', requestId: r.id, ticketId: ticket.id,
    actor: { userId: c.actor.id, directoryId: requesterParty.startsWith('desk:') ? null : requesterParty, name: me.name },
    verifications: [], approvers: [],
    target: { directoryId: target.immutable_id, displayName: target.name },
    before: null,
    after: { state: 'requested', tier, ...(body.breakGlass ? { breakGlass: true, breakGlassReason: body.breakGlass.reason } : {}), signalLevel: score.level, signalScore: score.score, ruleSetVersion: score.ruleSetVersion, policyVersion },
    sourceIp: c.sourceIp, occurredAt: c.now,
  });
  return r.id;
}
