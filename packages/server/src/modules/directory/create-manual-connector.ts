import type { DirectoryAction, DirectoryConnector, DirectoryPerson, DirectoryWriteResult } from './directory-connector.js';
import { DirectoryNotFoundError } from './directory-errors.js';
import { mfaResetSteps } from './mfa-reset-steps.js';

const MANUAL_ACTIONS: ReadonlySet<DirectoryAction> = new Set(['unlock_account', 'reset_password', 'reset_mfa', 'add_group_member', 'remove_group_member']);

/** Where a manual directory's people come from: what the desk already knows about them. */
export interface ManualPeopleProvider {
  listPeople(): Promise<DirectoryPerson[]>;
  getPerson(immutableId: string): Promise<DirectoryPerson | null>;
  /** A group's display name, for the instructions. */
  groupName?(groupId: string): Promise<string | null>;
}

export interface CreateManualConnectorOptions {
  people: ManualPeopleProvider;
  /** What the agent opens, e.g. "the Google Workspace admin console". */
  consoleName?: string;
}

/**
 * A directory the desk cannot write to. Reads come from the desk's own records; every write
 * answers with the steps for the agent to perform in the native console, and the caller records
 * completion later. The gate and the audit still run before these instructions are shown. The
 * new password of a reset never appears in them: the agent triggers the directory's own
 * reset-and-notify flow and never sees or types a secret.
 */
export function createManualConnector(options: CreateManualConnectorOptions): DirectoryConnector {
  const consoleName = options.consoleName ?? "the directory's admin console";
  const { people } = options;

  async function personOrThrow(id: string): Promise<DirectoryPerson> {
    const person = await people.getPerson(id);
    if (!person) throw new DirectoryNotFoundError(`no person with id ${id}`);
    return person;
  }

  function who(person: DirectoryPerson): string {
    return `${person.name} (id ${person.immutableId}${person.email ? `, ${person.email}` : ''})`;
  }

  async function groupLabel(groupId: string, person: DirectoryPerson): Promise<string> {
    const name = person.groups.find((g) => g.immutableId === groupId)?.name ?? (await people.groupName?.(groupId)) ?? null;
    return name ? `"${name}" (id ${groupId})` : `the group with id ${groupId}`;
  }

  function manual(...instructions: string[]): DirectoryWriteResult {
    return { outcome: 'manual', instructions: [...instructions, 'Come back to this request and record that it is done.'] };
  }

  return {
    kind: 'manual',
    capabilities: MANUAL_ACTIONS,
    async verifyConnection() {
      await people.listPeople();
    },
    async *listPeople(listOptions = {}) {
      const all = await people.listPeople();
      const size = listOptions.pageSize ?? 200;
      for (let start = 0; start < all.length; start += size) yield all.slice(start, start + size);
    },
    getPerson: personOrThrow,
    async unlockAccount(personId) {
      const person = await personOrThrow(personId);
      return manual(
        `Open ${consoleName} and find ${who(person)} by that id, not by name.`,
        'Clear the account lockout. Do not change or reset the password.',
      );
    },
    async setPassword(personId, _newPassword, setOptions) {
      const person = await personOrThrow(personId);
      return manual(
        `Open ${consoleName} and find ${who(person)} by that id, not by name.`,
        'Start the console\'s password reset that sends the user their own reset link; do not choose, type or read a password.',
        setOptions.mustChangeAtNextLogin ? 'Require a password change at next sign-in.' : 'Leave "change at next sign-in" off.',
      );
    },
    async addGroupMember(groupId, personId) {
      const person = await personOrThrow(personId);
      return manual(`Open ${consoleName} and add ${who(person)} to ${await groupLabel(groupId, person)}.`);
    },
    async removeGroupMember(groupId, personId) {
      const person = await personOrThrow(personId);
      return manual(`Open ${consoleName} and remove ${who(person)} from ${await groupLabel(groupId, person)}.`);
    },
    async isMember(groupId, personId) {
      const person = await personOrThrow(personId);
      return person.groups.some((g) => g.immutableId === groupId && g.direct);
    },
    async isLocked(personId) {
      return (await personOrThrow(personId)).locked;
    },
    async readPasswordState(personId) {
      await personOrThrow(personId);
      return { changedAt: null, mustChange: null };
    },
    async resetMfa(personId) {
      return manual(...mfaResetSteps(consoleName, who(await personOrThrow(personId))));
    },
    async hasMfaFactors(personId) {
      await personOrThrow(personId);
      return null;
    },
  };
}
