export { getActiveRuleSet, type ActiveRuleSet } from './get-active-rule-set.js';
export { publishRuleSet, type PublishOptions } from './publish-rule-set.js';
export { listRuleSetVersions } from './list-rule-set-versions.js';
export { getRuleSetVersion } from './get-rule-set-version.js';
export { evaluateRuleSetOnCorpus } from './evaluate-rule-set-on-corpus.js';
export { scoreAccessRequest } from './score-access-request.js';
export { validateRuleSet } from './validate-rule-set.js';
