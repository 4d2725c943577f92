import { forbidden } from '../../errors.js';
import { type Actor, isAdmin, isStaff } from './actor.js';

/**
 * The rulebook for people: the desk looks people up (callers, assignees); admins add and
 * change them, see deactivated people and read the audit trail.
 */
const RULES = {
  find: (a: Actor) => isStaff(a),
  manage: (a: Actor) => isAdmin(a),
} satisfies Record<string, (a: Actor) => boolean>;

export type PeopleAbility = keyof typeof RULES;

export function authorizePeople(actor: Actor, ability: PeopleAbility): void {
  if (!RULES[ability](actor)) {
    throw forbidden(ability === 'manage' ? 'Only admins add and change people' : 'Only the desk looks people up');
  }
}
