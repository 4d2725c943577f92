import { createHash, randomUUID } from 'node:crypto';
import type { DetectedSignal, Verification } from '@deskside/shared';
import { z } from 'zod';
import type { Db, Tx } from '../../db/connect.js';
import { conflict, DomainError, notFound } from '../../errors.js';
import { enqueueJob } from '../../jobs/enqueue-job.js';
import { defineJobKind } from '../../jobs/job-kind.js';
import { appendAuditEntry } from '../audit/index.js';
import { type MailOrigin, queueVerificationLinkMail } from '../mail/index.js';
import { findStoredAccessRequest, saveAtVersion, toAccessRequest } from './access-repo.js';
import { sendSingleUseLink } from './send-single-use-link.js';
import { actionInWords } from './action-words.js';
import { type AccessContext, allowedNext, auditEntryFor, decide, type LoadedAccessRequest, loadForAct } from './access-writes.js';
import { alertSecurity } from './alert-security.js';

const DAY = 24 * 60 * 60 * 1000;
const OPEN = ['requested', 'verified', 'approved'];
const gone = (detail: string) => new DomainError(410, 'Gone', detail);

const wordsFor = (action: string) => actionInWords(action, 'your');

/** SHA-256 of a verification token, as access_verification_tokens keeps it. */
export function hashVerificationToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Method (a), directory_otp: mails a single-use link to the target's e-mail of record (not one the
 * caller names; not one changed within the quiet period). The person answers on their own device;
 * the agent never sees the token (minted by the send job, kept only as a hash). A newer link
 * supersedes an unused older one. The request stays where it is: the view shows the pending check.
 */
export async function sendVerificationLink(c: AccessContext, id: string, origin: MailOrigin): Promise<void> {
  const loaded = await loadForAct(c, id);
  const { request, target } = loaded;
  if (!OPEN.includes(request.state)) throw conflict(`A request that is ${request.state.replace('_', ' ')} takes no more verifications`, []);
  if (!request.requirements.acceptableMethods.includes('directory_otp')) throw conflict('The policy does not accept a confirmation by the person for this request', []);
  if (!origin.sending) throw conflict('This desk sends no mail (DESKSIDE_SMTP_URL is not set), so a verification link cannot reach the person', []);
  if (!target.email) throw conflict('The directory has no e-mail address of record for this person, so a verification link cannot be sent', []);
  const quietDays = request.requirements.callbackQuietDays;
  if (c.now - target.email_changed_at < quietDays * DAY) {
    throw conflict(`The e-mail address of record changed less than ${quietDays} days ago, so it is not a verified channel for a verification link`, []);
  }
  await c.tx.updateTable('access_verification_tokens').set({ used_at: c.now, answer: 'superseded' })
    .where('request_id', '=', request.id).where('used_at', 'is', null).execute();
  const evidence = `A confirmation link was sent to the e-mail address of record at ${new Date(c.now).toISOString()}; waiting for the person to answer on their own device`;
  let pending = loaded.verifications.find((v) => v.method === 'directory_otp' && v.verified_at === null);
  if (pending) {
    await c.tx.updateTable('access_verifications').set({ evidence, verifier_ids: JSON.stringify([c.actor.id]) }).where('id', '=', pending.id).execute();
  } else {
    pending = {
      id: randomUUID(), request_id: request.id, method: 'directory_otp', verifier_ids: JSON.stringify([c.actor.id]), evidence, facts: '{}',
      target_immutable_id: target.immutable_id, action_type: request.action.type, verified_at: null, expires_at: null, created_at: c.now,
    };
    await c.tx.insertInto('access_verifications').values(pending).execute();
  }
  const expiresAt = c.now + request.requirements.verificationFreshMinutes * 60_000;
  const tokenId = randomUUID();
  const agent = await c.tx.selectFrom('users').select('name').where('id', '=', c.actor.id).executeTakeFirstOrThrow();
  const mailId = await queueVerificationLinkMail(c.tx, origin, {
    to: { name: target.name, email: target.email }, actionInWords: wordsFor(request.action.type), requestedBy: agent.name, expiresAt, sourceKey: tokenId,
  }, c.now);
  await c.tx.insertInto('access_verification_tokens').values({
    id: tokenId, request_id: request.id, verification_id: pending.id, target_person_id: target.id, target_immutable_id: target.immutable_id,
    action_type: request.action.type, sent_by: c.actor.id, token_hash: null, mail_message_id: mailId, created_at: c.now, expires_at: expiresAt,
    sent_at: null, used_at: null, answer: null,
  }).execute();
  await enqueueJob(c.tx, { kind: sendVerificationLinkJob, payload: { tokenId }, dedupeKey: `verify-link:${tokenId}`, now: c.now });
}

/** Mints the token and sends its link (`/verify#<token>`); the token lives only in this run and the message handed to SMTP. */
export const sendVerificationLinkJob = defineJobKind({
  name: 'access.verification-link.send',
  payload: z.strictObject({ tokenId: z.uuid() }),
  handle: ({ tokenId }, _run, ctx) =>
    sendSingleUseLink(ctx, {
      path: '/verify',
      load: (c) => c.db.selectFrom('access_verification_tokens').selectAll().where('id', '=', tokenId).executeTakeFirst(),
      storeToken: async (c, token) => {
        await c.db.updateTable('access_verification_tokens').set({ token_hash: hashVerificationToken(token) }).where('id', '=', tokenId).where('used_at', 'is', null).execute();
      },
      markSent: async (c) => {
        await c.db.updateTable('access_verification_tokens').set({ sent_at: c.now() }).where('id', '=', tokenId).execute();
      },
    }),
});

export interface VerificationPrompt {
  actionInWords: string;
  requestedBy: string;
  requestedAt: string;
  expiresAt: string;
}

/** Reads (and checks) a token for an action on its request; a used, expired or unbound one is refused. */
async function openLink(q: Db | Tx, token: string, now: number) {
  const link = await q.selectFrom('access_verification_tokens').selectAll().where('token_hash', '=', hashVerificationToken(token)).executeTakeFirst();
  if (!link) throw notFound('verification link');
  if (link.used_at !== null) throw gone('This link was already used or replaced by a newer one. If you did not use it, call the Security desk.');
  if (now >= link.expires_at) throw gone('This link has expired. If you still need help, contact the IT service desk.');
  const stored = await findStoredAccessRequest(q, link.request_id);
  const bound = stored && stored.row.target_immutable_id === link.target_immutable_id && stored.row.action_type === link.action_type
    && stored.verifications.some((v) => v.id === link.verification_id && v.request_id === link.request_id && v.target_immutable_id === link.target_immutable_id);
  if (!stored || !bound) throw notFound('verification link');
  if (!OPEN.includes(stored.row.state)) throw gone('This request is no longer open; nothing more is needed from you.');
  return { link, stored };
}

/**
 * A "No" means someone asked for an action on this person's account without them: the request is
 * refused, and Security hears about it at once, on the request's security ticket when it has one.
 */
async function alertSecurityOfDenial(tx: Tx, loaded: LoadedAccessRequest, agentId: number, now: number): Promise<void> {
  const agent = await tx.selectFrom('users').select(['id', 'name']).where('id', '=', agentId).executeTakeFirstOrThrow();
  const stored = JSON.parse(loaded.row.signals) as { signals: DetectedSignal[] };
  const securityTicketId = await alertSecurity(tx, {
    requestId: loaded.row.id, actionType: loaded.row.action_type, ticket: loaded.ticket, target: loaded.target, agent,
    signals: stored.signals, signalLevel: loaded.row.signal_level, velocityReasons: [], note: null, now,
    reason: {
      key: 'denied-by-person',
      text: `${loaded.target.name} answered "No, I did not ask for this" to the confirmation link sent to their e-mail address of record. Someone may be posing as them; the request was refused.`,
    },
    securityTicketId: loaded.row.security_ticket_id,
  });
  if (loaded.row.security_ticket_id === null) {
    await tx.updateTable('access_requests').set({ security_ticket_id: securityTicketId }).where('id', '=', loaded.row.id).execute();
  }
}

/** What the person is asked, for the public page; nothing is used up. */
export async function lookupVerificationLink(db: Db, token: string, now: number): Promise<VerificationPrompt> {
  const { link } = await openLink(db, token, now);
  const agent = await db.selectFrom('users').select('name').where('id', '=', link.sent_by).executeTakeFirstOrThrow();
  return { actionInWords: wordsFor(link.action_type), requestedBy: agent.name, requestedAt: new Date(link.created_at).toISOString(), expiresAt: new Date(link.expires_at).toISOString() };
}

/**
 * The person's answer through the link, in one transaction with the claim of the token and the
 * audit entry (which never holds the token). Yes: a directory_otp verification bound to this request,
 * target and action, fresh for the policy's minutes. No: the request is refused and Security alerted.
 */
export async function answerVerificationLink(db: Db, input: { token: string; answer: 'yes' | 'no'; sourceIp: string | null }, now: number): Promise<'verified' | 'refused'> {
  return db.transaction().execute(async (tx) => {
    const { link, stored } = await openLink(tx, input.token, now);
    const claimed = await tx.updateTable('access_verification_tokens').set({ used_at: now, answer: input.answer })
      .where('id', '=', link.id).where('used_at', 'is', null).executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) throw gone('This link was already used. If you did not use it, call the Security desk.');
    const request = toAccessRequest(stored);
    const target = await tx.selectFrom('directory_people').selectAll().where('id', '=', link.target_person_id).executeTakeFirstOrThrow();
    const ticket = await tx.selectFrom('tickets').selectAll().where('id', '=', stored.row.ticket_id).executeTakeFirstOrThrow();
    const pending = stored.verifications.find((v) => v.id === link.verification_id)!;
    const c = { tx, now, sourceIp: input.sourceIp, actor: { id: link.sent_by } };
    const by = { by: `person:${target.immutable_id}`, channel: 'single-use link to the e-mail address of record' };
    if (input.answer === 'no') {
      const next = decide(request, { type: 'refuse', byId: target.immutable_id, reason: 'The person answered "No, I did not ask for this" through the confirmation link' }, now);
      await tx.updateTable('access_verifications').set({ evidence: 'The person answered "No, I did not ask for this" on their own device' }).where('id', '=', pending.id).execute();
      const loaded = { ...stored, ticket, target, request };
      await saveAtVersion(tx, stored.row, next, now, allowedNext(request));
      await appendAuditEntry(tx, await auditEntryFor(c, loaded, next, { ...by, answer: 'no', reason: next.lastReason }));
      await alertSecurityOfDenial(tx, loaded, link.sent_by, now);
      return 'refused';
    }
    const verification: Verification = {
      id: pending.id, requestId: request.id, targetId: link.target_immutable_id, action: request.action.type, verifiedAt: now,
      method: 'directory_otp', factorOwnerId: target.immutable_id,
    };
    const next = decide(request, { type: 'verify', verification }, now);
    const confirmed = {
      ...pending, facts: JSON.stringify({ factorOwnerId: target.immutable_id }), verified_at: now,
      expires_at: now + request.requirements.verificationFreshMinutes * 60_000,
      evidence: 'The person confirmed "Yes, I asked for this" on their own device through a single-use link sent to their e-mail address of record',
    };
    await tx.updateTable('access_verifications')
      .set({ facts: confirmed.facts, verified_at: now, expires_at: confirmed.expires_at, evidence: confirmed.evidence })
      .where('id', '=', pending.id).where('verified_at', 'is', null).execute();
    const loaded = { ...stored, ticket, target, request, verifications: [...stored.verifications.filter((v) => v.id !== pending.id), confirmed] };
    await saveAtVersion(tx, stored.row, next, now, allowedNext(request));
    await appendAuditEntry(tx, await auditEntryFor(c, loaded, next, { ...by, answer: 'yes', verified: 'directory_otp' }));
    return 'verified';
  });
}
