// IMAP polling of existing mailboxes (decision 0025): admins configure mailboxes, worker
// nodes poll them under a lease and hand every message to ingestInboundMessage.
export { createMailbox } from './create-mailbox.js';
export { updateMailbox } from './update-mailbox.js';
export { deleteMailbox } from './delete-mailbox.js';
export { listMailboxes, getMailbox } from './list-mailboxes.js';
export { authorizeMailboxes, isLocalHost } from './mailbox-rules.js';
export { findMailboxRow } from './mailboxes-repo.js';
export { testMailboxConnection } from './test-mailbox-connection.js';
export { pollMailbox, FILED_KEYWORD, MAX_INGEST_ATTEMPTS, type IngestWith, type PollDeps, type PollHooks, type PollResult } from './poll-mailbox.js';
export { runMailboxSession, type SessionDeps, type SessionTimings } from './run-mailbox-session.js';
export { startMailboxPollers, pollerTimingsFromEnv, type MailboxPollerOptions, type MailboxPollers, type PollerTimings } from './start-mailbox-pollers.js';
export { imapClientFor, closeImapClient, describeImapError } from './imap-connection.js';
export { sealMailboxPassword, withMailboxPassword } from './mailbox-password.js';
