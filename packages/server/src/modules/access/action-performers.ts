import type { AccessActionType } from '@deskside/shared';
import type { Tx } from '../../db/connect.js';
import type { DirectoryConnector, DirectoryWriteResult } from '../directory/index.js';
import type { AccessContext, LoadedAccessRequest } from './access-writes.js';
import { addGroupMember } from './perform-add-group-member.js';
import { assignLicense } from './perform-assign-license.js';
import { manualPasswordReset } from './perform-manual-password-reset.js';
import { reclaimLicense } from './perform-reclaim-license.js';
import { removeGroupMember } from './perform-remove-group-member.js';
import { resetMfa } from './perform-reset-mfa.js';
import { unlockAccount } from './perform-unlock.js';

/**
 * How one kind of identity action reaches the directory. Execution (execute-access-request.ts)
 * is the same for all of them: commit unknown_outcome, send `write` once, record the reply, or
 * read back with `isApplied` when the reply was lost. A performer only says what to write and
 * how to tell whether it is in place; it never decides whether the request may run.
 */
export interface ActionPerformer {
  /**
   * Runs in the transaction that starts execution, before the write is sent: claims what the
   * desk itself accounts for (a licence seat). Throwing stops the execution with nothing written.
   */
  prepare?(c: AccessContext, loaded: LoadedAccessRequest): Promise<void>;
  /**
   * Runs first in each transaction of an execution (the one that starts or settles it, the one that
   * records the outcome): reads what `write` and `isApplied` need beside the request (a licence
   * pool's group) and returns the request carrying it, so the facts travel with the request and
   * no state is kept between calls.
   */
  load?(c: AccessContext, loaded: LoadedAccessRequest): Promise<LoadedAccessRequest>;
  /**
   * The console steps when this request is done by hand on a directory that could write the rest
   * (a ledger-only licence pool, an MFA reset without an MFA attribute); null when `write` does it.
   * Must not call the directory: it runs in the transaction that starts execution (decision 0043).
   */
  byHand?(connector: DirectoryConnector, loaded: LoadedAccessRequest): string[] | null;
  /** The one directory write. */
  write(connector: DirectoryConnector, loaded: LoadedAccessRequest): Promise<DirectoryWriteResult>;
  /** Whether the change is in place now; throws when the directory cannot be read either. */
  isApplied(connector: DirectoryConnector, loaded: LoadedAccessRequest): Promise<boolean>;
  /**
   * Runs in the transaction that records the outcome (applied or not), e.g. to release a claimed seat.
   * `reply` is the directory's answer, null when the outcome was read back after a lost reply.
   */
  settle?(c: AccessContext, loaded: LoadedAccessRequest, applied: boolean, reply: DirectoryWriteResult | null): Promise<void>;
  /** What the notice to the target and their manager says was done, in plain words (may read, in the notice's transaction). */
  done(loaded: LoadedAccessRequest, tx: Tx): string | Promise<string>;
  /** Facts for the audit entry's `after` once applied (e.g. `lockedAfter: false`); `reply` as for `settle`. */
  afterFacts?(applied: boolean, loaded: LoadedAccessRequest, reply: DirectoryWriteResult | null): Record<string, string | boolean | null>;
}

/**
 * The performers by action. A password reset has none: it writes no password, it issues a
 * single-use link instead (issue-reset-link.ts). An action without a performer cannot execute.
 * Each performer lives in its own perform-<action>.ts file.
 */
const PERFORMERS = new Map<AccessActionType, ActionPerformer>([['unlock_account', unlockAccount], ['assign_license', assignLicense], ['reclaim_license', reclaimLicense], ['reset_mfa', resetMfa],
  ['add_group_member', addGroupMember], ['remove_group_member', removeGroupMember]]);

/** The performer of an action; `byHand`: the change is made in the native console (a reset then has one too, decision 0043). */
export function performerFor(action: AccessActionType, byHand = false): ActionPerformer | null {
  if (action === 'reset_password' && byHand) return manualPasswordReset;
  return PERFORMERS.get(action) ?? null;
}
