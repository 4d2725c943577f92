/**
 * The one interface every directory sits behind: LDAP / Active Directory today, manual (the
 * agent works in the native console), and room for Entra ID or Okta later. People and groups
 * are addressed by their immutable id only; a name or a DN is never an address.
 */

/** Which kind of directory a connector talks to; cloud directories join this list later. */
export type DirectoryKind = 'ldap' | 'manual';

/**
 * What a connector can do, named as the access requests name their actions (shared
 * `ACCESS_ACTIONS`); callers offer only these. reset_mfa is there when the connector can clear the
 * person's enrolled factors itself (an LDAP connection with its MFA attribute configured, decision
 * 0041); the license actions arrive with connectors whose directory holds seats (Entra ID, Okta).
 */
export type DirectoryAction = 'unlock_account' | 'reset_password' | 'reset_mfa' | 'add_group_member' | 'remove_group_member';

/** A group a person belongs to, directly or through nesting. */
export interface DirectoryGroupRef {
  immutableId: string;
  name: string;
  /** False when the membership comes only through another group. */
  direct: boolean;
}

/** A person as the directory has them, read fresh. Times are epoch milliseconds (decision 0003). */
export interface DirectoryPerson {
  /** entryUUID (OpenLDAP), objectGUID (Active Directory), the object id (cloud directories). */
  immutableId: string;
  /** Where the entry lives now; informative only, it changes on a rename or move. */
  dn: string | null;
  name: string;
  email: string | null;
  phoneOfRecord: string | null;
  managerId: string | null;
  groups: DirectoryGroupRef[];
  disabled: boolean;
  locked: boolean;
  /** A member, directly or nested, of one of the configured privileged groups. */
  privileged: boolean;
  /** When the entry as a whole last changed: an upper bound for when any of its attributes did. */
  entryModifiedAt: number | null;
  /** Per-attribute change times, only when the directory keeps them (a configured attribute). */
  contactChangedAt: { email: number | null; phoneOfRecord: number | null };
}

/** What a write did. `reconciled` means the reply was lost and a read-back proved it applied. */
export type DirectoryWriteResult =
  | { outcome: 'applied'; reconciled: boolean }
  | { outcome: 'unchanged' }
  | { outcome: 'manual'; instructions: string[] };

export interface SetPasswordOptions {
  mustChangeAtNextLogin: boolean;
}

/** What the directory says about a person's password, for reconciling a reset. */
export interface PasswordState {
  changedAt: number | null;
  mustChange: boolean | null;
}

export interface ListPeopleOptions {
  pageSize?: number;
}

/**
 * Writes are idempotent by design: adding a present member or unlocking an unlocked account is
 * `unchanged`, not an error. A write whose reply is lost is read back once before anyone is
 * told it failed; if the read-back cannot prove it, `DirectoryOutcomeUnknownError` says so and
 * the read-backs below let the caller reconcile later, without writing twice.
 */
export interface DirectoryConnector {
  readonly kind: DirectoryKind;
  readonly capabilities: ReadonlySet<DirectoryAction>;
  /** Binds and reads the bases once: a "test connection" for the admin screen. */
  verifyConnection(): Promise<void>;
  /** Every person under the people base, a page at a time (one connection for the whole walk). */
  listPeople(options?: ListPeopleOptions): AsyncIterable<DirectoryPerson[]>;
  /** One person, read fresh; `DirectoryNotFoundError` when the id names no one. */
  getPerson(immutableId: string): Promise<DirectoryPerson>;
  /** Clears a lockout; never touches the password, and never enables a disabled account. */
  unlockAccount(personId: string): Promise<DirectoryWriteResult>;
  setPassword(personId: string, newPassword: string, options: SetPasswordOptions): Promise<DirectoryWriteResult>;
  addGroupMember(groupId: string, personId: string): Promise<DirectoryWriteResult>;
  removeGroupMember(groupId: string, personId: string): Promise<DirectoryWriteResult>;
  /** Direct membership (the only kind a write changes). */
  isMember(groupId: string, personId: string): Promise<boolean>;
  isLocked(personId: string): Promise<boolean>;
  readPasswordState(personId: string): Promise<PasswordState>;
  /**
   * Removes every second factor the person enrolled, so they enrol again at their next sign-in.
   * It never reads, sets or returns a factor; no factors left is `unchanged`. Without the
   * capability it answers with console steps (`manual`).
   */
  resetMfa(personId: string): Promise<DirectoryWriteResult>;
  /** Whether any enrolled factor is left; null when this directory cannot tell (manual, or no MFA attribute). */
  hasMfaFactors(personId: string): Promise<boolean | null>;
}
