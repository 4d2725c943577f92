export type {
  DirectoryAction,
  DirectoryConnector,
  DirectoryGroupRef,
  DirectoryKind,
  DirectoryPerson,
  DirectoryWriteResult,
  ListPeopleOptions,
  PasswordState,
  SetPasswordOptions,
} from './directory-connector.js';
export {
  DirectoryAmbiguousError,
  DirectoryAuthError,
  DirectoryConnectionError,
  DirectoryError,
  type DirectoryErrorKind,
  DirectoryNotFoundError,
  DirectoryOutcomeUnknownError,
  DirectoryRejectedError,
  DirectoryTimeoutError,
} from './directory-errors.js';
export { LdapConnectionConfig, type LdapConnectionConfigInput, type LdapConnectionSettings } from './ldap-config.js';
export type { DirectoryLog } from './ldap-session.js';
export { createLdapConnector, type CreateLdapConnectorOptions } from './create-ldap-connector.js';
export { createManualConnector, type CreateManualConnectorOptions, type ManualPeopleProvider } from './create-manual-connector.js';
export { changedWithin, type ContactField, type ContactRecord, trackContactChanges } from './track-contact-changes.js';
export { SecretValue } from './secret-value.js';
export { mfaResetSteps } from './mfa-reset-steps.js';
