export { loadAccessPolicy, loadActiveAccessPolicy, type ActiveAccessPolicy } from './load-access-policy.js';
export { getAccessPolicy } from './get-access-policy.js';
export { getAccessPolicyVersion } from './get-access-policy-version.js';
export { listAccessPolicyVersions } from './list-access-policy-versions.js';
export { publishAccessPolicy, type PublishAccessPolicyOptions } from './publish-access-policy.js';
export { authorizeAccessPolicy, type AccessPolicyAbility } from './access-policy-rules.js';
export { policyChanges, type PolicyChange } from './policy-changes.js';
