import type { AssignBody } from '@deskside/shared';
import { invalid } from '../../errors.js';
import { findGroup, findUserById, isMember } from '../identity/index.js';
import { notifyAssigned } from '../notifications/index.js';
import { appendEvent } from './events-repo.js';
import { reloadTicket, saveTicket, type UseCaseContext } from './ticket-writes.js';
import type { TicketView } from './tickets-repo.js';

/**
 * Hands a ticket to a group and/or a person. The ticket always keeps an owning
 * group; a person only owns it once they accept (taking it yourself is accepting).
 */
export async function assignTicket(ctx: UseCaseContext, ticket: TicketView, input: AssignBody) {
  const { tx, actor, now } = ctx;
  const groupId = input.groupId ?? ticket.group_id;
  if (input.groupId !== undefined && !(await findGroup(tx, input.groupId))) {
    throw invalid('groupId', `group ${input.groupId} does not exist`);
  }
  let assigneeId = input.assigneeId === undefined ? (groupId === ticket.group_id ? ticket.assignee_id : null) : input.assigneeId;
  if (assigneeId !== null) {
    const person = await findUserById(tx, assigneeId);
    if (!person || person.role === 'requester' || person.disabled_at !== null) {
      throw invalid('assigneeId', `person ${assigneeId} is not an active member of the desk`);
    }
    if (!(await isMember(tx, groupId, assigneeId))) {
      throw invalid('assigneeId', `${person.name} is not in the owning group; assign the group first or pick a member`);
    }
  }
  if (groupId === ticket.group_id && assigneeId === ticket.assignee_id) {
    throw invalid('assigneeId', 'the ticket is already owned that way');
  }
  const selfTaken = assigneeId === actor.id;
  await saveTicket(
    tx,
    ticket,
    {
      group_id: groupId,
      assignee_id: assigneeId,
      accepted_at: selfTaken ? now : null,
      accepted_by_id: selfTaken ? actor.id : null,
    },
    now,
  );
  const eventId = await appendEvent(tx, {
    ticketId: ticket.id,
    type: 'assigned',
    visibility: 'internal',
    actorId: actor.id > 0 ? actor.id : null,
    body: input.note ?? null,
    data: { fromGroupId: ticket.group_id, toGroupId: groupId, fromAssigneeId: ticket.assignee_id, toAssigneeId: assigneeId },
    now,
  });
  if (selfTaken) {
    await appendEvent(tx, { ticketId: ticket.id, type: 'accepted', visibility: 'internal', actorId: actor.id, now });
  }
  if (assigneeId !== null && assigneeId !== ticket.assignee_id) {
    await notifyAssigned(tx, ticket, assigneeId, { by: actor, eventId, now });
  }
  return reloadTicket(tx, ticket.id);
}
