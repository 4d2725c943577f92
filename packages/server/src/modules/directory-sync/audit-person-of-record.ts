import type { DirectoryPersonView } from '@deskside/shared';
import type { Tx } from '../../db/connect.js';
import { appendAdminChange } from '../audit/index.js';

type Field = 'name' | 'email' | 'phoneOfRecord' | 'managerId' | 'privileged' | 'disabled' | 'groups';
const FIELDS: readonly Field[] = ['name', 'email', 'phoneOfRecord', 'managerId', 'privileged', 'disabled', 'groups'];

/** The fields of a person of record the chain keeps, in comparable form. */
function recordOf(view: DirectoryPersonView | null): Record<Field, string | boolean | null> | null {
  if (!view) return null;
  return {
    name: view.name, email: view.email, phoneOfRecord: view.phoneOfRecord, managerId: view.managerId,
    privileged: view.privileged, disabled: view.disabled, groups: view.groups.map((g) => g.id).sort().join(', '),
  };
}

/**
 * Chains an admin's entry or edit of a person of record (manual directory, decision 0043) onto the
 * audit log in the caller's transaction: the phone, address and manager of record are what the
 * verification gate trusts, so who changed them, when and from where must be provable later.
 */
export async function auditPersonOfRecord(
  tx: Tx,
  input: { before: DirectoryPersonView | null; after: DirectoryPersonView; actorId: number; sourceIp: string | null; now: number },
): Promise<void> {
  const before = recordOf(input.before);
  const after = recordOf(input.after)!;
  const changes = FIELDS.filter((f) => before === null || before[f] !== after[f]).map((f) => ({ field: f, before: before?.[f] ?? null, after: after[f] }));
  if (changes.length === 0) return;
  const actor = await tx.selectFrom('users').select('name').where('id', '=', input.actorId).executeTakeFirstOrThrow();
  await appendAdminChange(tx, {
    subject: 'person_of_record',
    person: { userId: null, directoryId: input.after.immutableId, name: input.after.name },
    actor: { userId: input.actorId, directoryId: null, name: actor.name },
    note: before === null ? 'An admin entered a new person of record in the manual directory' : 'An admin changed a person of record in the manual directory',
    changes,
    sourceIp: input.sourceIp,
    occurredAt: input.now,
  });
}
