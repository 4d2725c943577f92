import type { Role, TokenScope } from '@deskside/shared';

/** Whoever is making the call: a signed-in person, an integration token, or the desk itself. */
export interface Actor {
  id: number;
  name: string;
  email: string;
  role: Role;
  groupIds: number[];
  /** Null for browser sessions (full rights of the role); the granted scopes for API tokens. */
  scopes: TokenScope[] | null;
  /** Browser sessions only: when this session passed two-factor sign-in; null or absent when it did not. */
  mfaAt?: number | null;
}

const STAFF_ROLES: readonly Role[] = ['agent', 'lead', 'admin'];

export function isStaff(actor: Actor): boolean {
  return STAFF_ROLES.includes(actor.role);
}

export function isLeadOrAdmin(actor: Actor): boolean {
  return actor.role === 'lead' || actor.role === 'admin';
}

export function isAdmin(actor: Actor): boolean {
  return actor.role === 'admin';
}

/** A token may only do what its scopes grant, and never more than its owner's role. */
export function hasScope(actor: Actor, scope: TokenScope): boolean {
  return actor.scopes === null || actor.scopes.includes(scope) || actor.scopes.includes('admin');
}
