export { openAccessRequest } from './open-access-request.js';
export { recordCallbackVerification } from './record-callback-verification.js';
export { recordInPersonVerification } from './record-in-person-verification.js';
export { approveAccessRequest } from './approve-access-request.js';
export { executeAccessRequest, type ExecuteDeps, type ExecuteInput } from './execute-access-request.js';
export { refuseAccessRequest } from './refuse-access-request.js';
export { getAccessRequest } from './get-access-request.js';
export { listTicketAccessRequests } from './list-ticket-access-requests.js';
export type { AccessContext } from './access-writes.js';
export { redeemResetToken, type RedeemInput } from './redeem-reset-token.js';
export { sendResetLinkJob, hashResetToken } from './send-reset-link-job.js';
export { RESET_LINK_MINUTES } from './issue-reset-link.js';
export {
  answerVerificationLink, hashVerificationToken, lookupVerificationLink, sendVerificationLink, sendVerificationLinkJob, type VerificationPrompt,
} from './verify-by-directory-otp.js';
export { askManagerApproval } from './ask-manager-approval.js';
export { answerManagerApproval, listManagerApprovals, type ManagerApprovalItem } from './manager-approvals.js';
export { expireTimedMemberships, type ExpiryDeps, type ExpiryOutcome } from './expire-timed-memberships.js';
export { expireTimedMembershipsJob, TIMED_MEMBERSHIP_TICK_MS } from './expire-timed-memberships-job.js';
export { expireAccessRequests, type RequestExpiryOutcome } from './expire-access-requests.js';
export { ACCESS_REQUEST_EXPIRY_TICK_MS, expireAccessRequestsJob } from './expire-access-requests-job.js';
export { settleUnknownOutcomes, type SettleDeps, type SettleOutcome } from './settle-unknown-outcomes.js';
export { settleUnknownOutcomesJob, UNKNOWN_OUTCOME_TICK_MS } from './settle-unknown-outcomes-job.js';
export { recordManualCompletion, type ManualCompletion } from './record-manual-completion.js';
