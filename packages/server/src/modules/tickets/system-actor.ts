import type { Actor } from '../identity/index.js';

/** The desk acting on its own (timers, sweeps); its events carry no person. */
export const SYSTEM_ACTOR: Actor = { id: 0, name: 'Deskside', email: 'system@deskside.invalid', role: 'admin', groupIds: [], scopes: null };
