import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { SMTPServer } from 'smtp-server';
import type { IngestOutcome } from './ingest-inbound-message.js';

/** What the listener hands each accepted message to; a throw answers 451 (try later). */
export type IngestFn = (mailbox: string, raw: Buffer) => Promise<IngestOutcome>;

export interface SmtpListenerOptions {
  /** host:port, e.g. 127.0.0.1:2525; port 0 picks a free one. */
  listen: string;
  /** Only recipients at this domain are accepted (550 otherwise). */
  domain: string;
  /** Messages over this many bytes are answered 552. */
  maxBytes: number;
  ingest: IngestFn;
  log: Logger;
}

export interface SmtpListener {
  host: string;
  port: number;
  close(): Promise<void>;
}

/** host:port from DESKSIDE_SMTP_LISTEN; an IPv6 host is written in brackets. */
export function parseListen(listen: string): { host: string; port: number } {
  const match = /^(?:\[([^\]]+)\]|([^:]+)):(\d{1,5})$/.exec(listen.trim());
  const port = Number(match?.[3]);
  if (!match || port > 65535) throw new Error(`DESKSIDE_SMTP_LISTEN must be host:port, got ${listen}`);
  return { host: match[1] ?? match[2]!, port };
}

const smtpError = (code: number, message: string) => Object.assign(new Error(message), { responseCode: code });

/**
 * The desk's inbound SMTP door: takes mail for its domain only, refuses over-size
 * messages, and answers 250 only after ingest committed, so a sender keeps (and retries)
 * any message the desk has not stored. No AUTH and no STARTTLS: it is meant to sit behind
 * the organisation's MX on a private address.
 */
export async function startSmtpListener(options: SmtpListenerOptions): Promise<SmtpListener> {
  const domain = options.domain.toLowerCase();
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    logger: false,
    size: options.maxBytes,
    onRcptTo(address, _session, callback) {
      const at = address.address.lastIndexOf('@');
      const ours = at > 0 && address.address.slice(at + 1).toLowerCase() === domain;
      callback(ours ? null : smtpError(550, `5.1.1 <${address.address}>: not a mailbox of this desk`));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= options.maxBytes) chunks.push(chunk);
      });
      stream.on('end', () => {
        if (stream.sizeExceeded || size > options.maxBytes) {
          callback(smtpError(552, `5.3.4 Message is over ${options.maxBytes} bytes`));
          return;
        }
        const mailbox = mailboxOf(session.envelope.rcptTo[0]?.address ?? `support@${domain}`);
        options.ingest(mailbox, Buffer.concat(chunks)).then(
          (result) => {
            // Debug only: the outcome is recorded with the message in mail_messages, and a line per mail costs real time at volume.
            options.log.debug({ mailbox, outcome: result.outcome }, 'inbound mail');
            callback();
          },
          (error: unknown) => {
            options.log.error({ err: error, mailbox }, 'inbound mail not stored; the sender will retry');
            callback(smtpError(451, '4.3.0 Temporary failure storing the message, try again later'));
          },
        );
      });
    },
  });
  server.on('error', (error) => options.log.warn({ err: error }, 'smtp listener'));
  const { host, port } = parseListen(options.listen);
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(port, host, () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  const bound = server.server.address() as AddressInfo;
  return { host, port: bound.port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

// "support+token@desk" reached the support@desk mailbox.
function mailboxOf(address: string): string {
  const lower = address.toLowerCase();
  return lower.replace(/\+[^@]*@/, '@');
}
