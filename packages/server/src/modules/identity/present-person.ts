import type { Person } from '@deskside/shared';
import type { UserRow } from '../../db/types.js';

export function presentPerson(user: UserRow, groupIds: number[]): Person {
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    role: user.role,
    groupIds,
    vip: user.vip === 1,
    site: user.site,
    active: user.disabled_at === null,
    version: user.version,
  };
}
