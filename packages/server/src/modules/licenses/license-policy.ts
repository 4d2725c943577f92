import { forbidden } from '../../errors.js';
import { type Actor, isAdmin, isStaff } from '../identity/index.js';

/** The rulebook for licence pools: staff who work identity actions read them, admins change them. */
const RULES = {
  view: (a: Actor) => isStaff(a),
  manage: (a: Actor) => isAdmin(a),
} satisfies Record<string, (a: Actor) => boolean>;

export type LicenseAbility = keyof typeof RULES;

export function authorizeLicenses(actor: Actor, ability: LicenseAbility): void {
  if (!RULES[ability](actor)) {
    throw forbidden(ability === 'manage' ? 'Only admins change licence pools' : 'Only the desk reads licence pools');
  }
}
