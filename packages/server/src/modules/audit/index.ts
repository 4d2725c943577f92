export { appendAuditEntry, type NewAuditEntry } from './append-audit-entry.js';
export { appendAdminChange, type NewAdminChange } from './append-admin-change.js';
export { verifyAuditChain } from './verify-audit-chain.js';
export { listAuditEntries } from './list-audit-entries.js';
export { exportAuditEntries } from './export-audit-entries.js';
export { presentAuditRecord } from './present-audit-record.js';
export { canonicalJson } from './canonical-json.js';
export { linkHash } from './chain-hash.js';
export { findSecretField, isSecretKey } from './secret-fields.js';
