/**
 * The life of an identity request. `unknown_outcome` is entered the moment the directory
 * write is started, so a write that was sent and then lost (timeout, crash) is already on
 * record as "may have happened" and is read back before anything else may happen to it.
 */
export const ACCESS_REQUEST_STATES = [
  'requested',
  'verified',
  'approved',
  'unknown_outcome',
  'executed',
  'notified',
  'refused',
  'expired',
] as const;
export type AccessRequestState = (typeof ACCESS_REQUEST_STATES)[number];

/** States in which nothing more happens to the request. */
export const FINAL_ACCESS_REQUEST_STATES: readonly AccessRequestState[] = ['notified', 'refused', 'expired'];

/** The state a request waits in when it is ready to execute. */
export function readyState(policyNeedsApproval: boolean): 'verified' | 'approved' {
  return policyNeedsApproval ? 'approved' : 'verified';
}

/** The states a request may move to next, given whether its policy needs approval. */
export function nextStates(state: AccessRequestState, policyNeedsApproval: boolean): readonly AccessRequestState[] {
  const ready = readyState(policyNeedsApproval);
  switch (state) {
    case 'requested':
      return ['verified', 'refused', 'expired'];
    case 'verified':
      return policyNeedsApproval ? ['approved', 'refused', 'expired'] : ['unknown_outcome', 'refused', 'expired'];
    case 'approved':
      return policyNeedsApproval ? ['unknown_outcome', 'refused', 'expired'] : [];
    case 'unknown_outcome':
      // Neither refused nor expired: the change may already be in the directory, and
      // saying it failed when it succeeded is the error we must not make. Read back first.
      return ['executed', ready];
    case 'executed':
      return ['notified'];
    case 'notified':
    case 'refused':
    case 'expired':
      return [];
  }
}

/** Whether the state machine allows the move. */
export function canMoveTo(from: AccessRequestState, to: AccessRequestState, policyNeedsApproval: boolean): boolean {
  return nextStates(from, policyNeedsApproval).includes(to);
}
