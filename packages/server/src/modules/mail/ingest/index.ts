// Inbound mail ingest (decision 0024): a transport hands raw bytes to ingestInboundMessage,
// which files them exactly once through the ticket use cases; the SMTP listener is one transport.
export { ingestInboundMessage, type IngestDeps, type IngestOptions, type IngestOutcome } from './ingest-inbound-message.js';
export { startSmtpListener, parseListen, type IngestFn, type SmtpListener, type SmtpListenerOptions } from './smtp-listener.js';
export { listQuarantine } from './list-quarantine.js';
export { reprocessQuarantined } from './reprocess-quarantined.js';
export { discardQuarantined } from './discard-quarantined.js';
// For the IMAP poller, which quarantines a message ingest keeps failing on.
export { quarantineMessage, QUARANTINE_RAW_CAP } from './inbound-repo.js';
