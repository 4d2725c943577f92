import type { CreateUserBody } from '@deskside/shared';
import type { Tx } from '../../db/connect.js';
import { conflict, invalid } from '../../errors.js';
import { findGroup } from './groups-repo.js';
import { addMember } from './groups-repo.js';
import { hashPassword } from './passwords.js';
import { appendPersonEvent } from './person-events-repo.js';
import { findUserByEmail, insertUser } from './users-repo.js';

/** Adds a person to the desk; used by the admin API, the CLI, first-run setup and the demo seed. */
export async function createUser(tx: Tx, input: CreateUserBody & { phone?: string; now: number; actorId?: number }) {
  if (await findUserByEmail(tx, input.email)) throw conflict(`A person with e-mail ${input.email} already exists`);
  for (const groupId of input.groupIds ?? []) {
    if (!(await findGroup(tx, groupId))) throw invalid('groupIds', `group ${groupId} does not exist`);
  }
  const user = await insertUser(tx, {
    email: input.email.toLowerCase(),
    name: input.name,
    role: input.role,
    password_hash: input.password ? await hashPassword(input.password) : null,
    phone: input.phone ?? null,
    disabled_at: null,
    vip: input.vip ? 1 : 0,
    site: input.site ?? null,
    created_at: input.now,
    updated_at: input.now,
  });
  for (const groupId of input.groupIds ?? []) await addMember(tx, groupId, user.id);
  await appendPersonEvent(tx, {
    personId: user.id,
    actorId: input.actorId ?? null,
    type: 'created',
    data: { role: user.role, groupIds: input.groupIds ?? [], vip: user.vip === 1, site: user.site },
    now: input.now,
  });
  return user;
}
