import { forbidden } from '../../errors.js';
import { type Actor, isAdmin, isStaff } from '../identity/index.js';

/** The rulebook for calendars and SLA policies: the desk reads them, admins change them. */
const RULES = {
  view: (a: Actor) => isStaff(a),
  manage: (a: Actor) => isAdmin(a),
} satisfies Record<string, (a: Actor) => boolean>;

export type SlaAbility = keyof typeof RULES;

export function authorizeSla(actor: Actor, ability: SlaAbility): void {
  if (!RULES[ability](actor)) {
    throw forbidden(ability === 'manage' ? 'Only admins change calendars and SLA policies' : 'Only the desk reads calendars and SLA policies');
  }
}
