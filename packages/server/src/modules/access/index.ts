export { openAccessRequest } from './open-access-request.js';
export { recordCallbackVerification } from './record-callback-verification.js';
export { recordInPersonVerification } from './record-in-person-verification.js';
export { approveAccessRequest } from './approve-access-request.js';
export { executeAccessRequest, type ExecuteDeps, type ExecuteInput } from './execute-access-request.js';
export { refuseAccessRequest } from './refuse-access-request.js';
export { getAccessRequest } from './get-access-request.js';
export type { AccessContext } from './access-writes.js';
