export { authorizeDirectoryAdmin, getDirectoryConnection } from './get-directory-connection.js';
export { saveDirectoryConnection } from './save-directory-connection.js';
export { testDirectoryConnection } from './test-directory-connection.js';
export { findDirectoryConnection } from './connections-repo.js';
export { syncDirectory, type SyncOutcome } from './sync-directory.js';
export { directorySyncJob, requestDirectorySync, DIRECTORY_SYNC_TICK_MS } from './directory-sync-job.js';
export { authorizeDirectoryRead, getDirectoryPerson, searchDirectoryPeople } from './find-directory-people.js';
export { connectorFor, storedLdapSettings } from './connector-for.js';
export { findKnownGroup, type KnownGroup, searchDirectoryGroups } from './find-directory-groups.js';
