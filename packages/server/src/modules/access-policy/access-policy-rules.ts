import { forbidden } from '../../errors.js';
import { type Actor, isAdmin } from '../identity/index.js';

/**
 * The rulebook for the access policy: it decides how hard identity actions are to get, so
 * only admins read and publish it. Agents see what the policy asked of each request on the
 * request itself (its requirements are stored when it is opened).
 */
const RULES = {
  read: (a: Actor) => isAdmin(a),
  publish: (a: Actor) => isAdmin(a),
} satisfies Record<string, (a: Actor) => boolean>;

export type AccessPolicyAbility = keyof typeof RULES;

export function authorizeAccessPolicy(actor: Actor, ability: AccessPolicyAbility): void {
  if (!RULES[ability](actor)) throw forbidden(ability === 'publish' ? 'Only admins publish the access policy' : 'Only admins read the access policy');
}
