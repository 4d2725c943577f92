import { randomUUID } from 'node:crypto';
import { conflict } from '../../errors.js';
import { type MailOrigin, queueAccessNotice } from '../mail/index.js';
import { partyOf } from './access-repo.js';
import { type AccessContext, loadForAct } from './access-writes.js';
import { actionInWords } from './action-words.js';

const OPEN = ['requested', 'verified', 'approved'];

/**
 * Method (c), manager_approval: asks the target's manager of record to approve in their own
 * signed-in Deskside session. The manager is the one the directory names, never one the caller
 * suggests; they must have a Deskside account linked to their directory entry. The mail only
 * points to the approvals page: it grants nothing, so forwarding it helps nobody.
 */
export async function askManagerApproval(c: AccessContext, id: string, origin: MailOrigin): Promise<void> {
  const loaded = await loadForAct(c, id);
  const { request, target } = loaded;
  if (!OPEN.includes(request.state)) throw conflict(`A request that is ${request.state.replace('_', ' ')} takes no more verifications`, []);
  if (!request.requirements.acceptableMethods.includes('manager_approval')) throw conflict("The policy does not accept the manager's approval for this request", []);
  if (!target.manager_immutable_id) throw conflict('The directory names no manager for this person, so a manager approval is not possible', []);
  const manager = await c.tx
    .selectFrom('directory_people')
    .innerJoin('users', 'users.directory_id', 'directory_people.id')
    .select(['users.id as userId', 'users.disabled_at', 'directory_people.name', 'directory_people.email', 'directory_people.immutable_id'])
    .where('directory_people.immutable_id', '=', target.manager_immutable_id)
    .where('directory_people.gone_at', 'is', null)
    .executeTakeFirst();
  if (!manager || manager.disabled_at !== null) {
    throw conflict("The person's manager of record has no active Deskside account, so they cannot approve in their own session", []);
  }
  if (manager.immutable_id === (await partyOf(c.tx, c.actor.id))) {
    throw conflict("You are this person's manager of record: your approval cannot verify a request you are handling; ask another agent to take it", []);
  }
  const evidence = `Asked ${manager.name}, the manager of record, to approve in their own session at ${new Date(c.now).toISOString()}; waiting for their answer`;
  const pending = loaded.verifications.find((v) => v.method === 'manager_approval' && v.verified_at === null);
  if (pending) {
    await c.tx.updateTable('access_verifications').set({ evidence, verifier_ids: JSON.stringify([c.actor.id]) }).where('id', '=', pending.id).execute();
  } else {
    await c.tx.insertInto('access_verifications').values({
      id: randomUUID(), request_id: request.id, method: 'manager_approval', verifier_ids: JSON.stringify([c.actor.id]), evidence, facts: '{}',
      target_immutable_id: target.immutable_id, action_type: request.action.type, verified_at: null, expires_at: null, created_at: c.now,
    }).execute();
  }
  if (manager.email) {
    const agent = await c.tx.selectFrom('users').select('name').where('id', '=', c.actor.id).executeTakeFirstOrThrow();
    await queueAccessNotice(c.tx, origin, {
      to: { name: manager.name, email: manager.email },
      subject: `Approval needed: a request about ${target.name}'s account`,
      paragraphs: [
        `Hello ${manager.name},`,
        `${agent.name} at the IT service desk was asked to ${actionInWords(request.action.type, 'their')} for ${target.name}, who reports to you.`,
        `Sign in to the service desk and open your approvals to approve or decline: ${origin.publicUrl}/approvals`,
        'Approve only if you know about this request. Nobody from the desk will ask you for a password or a code.',
      ],
      sourceKey: `${request.id}:manager-ask:${c.now}`,
    }, c.now);
  }
}
