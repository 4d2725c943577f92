// Inbound mail ingest (decision 0024): a transport hands raw bytes to ingestInboundMessage,
// which files them exactly once through the ticket use cases; the SMTP listener is one transport.
export { ingestInboundMessage, type IngestDeps, type IngestOutcome } from './ingest-inbound-message.js';
export { startSmtpListener, parseListen, type IngestFn, type SmtpListener, type SmtpListenerOptions } from './smtp-listener.js';
