import { createTransport } from 'nodemailer';
import type { PlannedMail } from './inbound-mail-mix.js';
import { type LatencySummary, summarize } from './percentiles.js';

/** How the listener answered a run of mails. */
export interface SmtpLoadResult {
  mails: number;
  connections: number;
  /** Answered 250 (after retries of temporary failures, as a sending MTA would retry). */
  accepted: number;
  /** 4xx answers that were retried, by code. */
  deferred: Record<string, number>;
  /** Mails still not accepted at the end (5xx, or 4xx after every retry): lost unless the sender keeps them. */
  notAccepted: number;
  firstErrors: string[];
  seconds: number;
  messagesPerSecond: number;
  /** Start of the SMTP transaction (MAIL FROM) to the 250 after DATA, per accepted transaction. */
  latency: LatencySummary;
}

const RETRIES = 5;
const RETRY_DELAY_MS = 200;

/**
 * Sends `mails` over `connections` pooled SMTP connections (nodemailer's pool) from as many
 * workers, so each worker always finds a free connection and a latency is one transaction,
 * never time spent queued in the client. `onStart` is called as a mail's transaction begins.
 */
export async function sendInboundMails(opts: {
  host: string;
  port: number;
  mails: readonly PlannedMail[];
  connections: number;
  onStart?: (mail: PlannedMail, startedAt: number) => void;
}): Promise<SmtpLoadResult> {
  const transport = createTransport({
    pool: true, host: opts.host, port: opts.port, secure: false, ignoreTLS: true,
    maxConnections: opts.connections, maxMessages: Infinity,
  });
  const latencies: number[] = [];
  const deferred: Record<string, number> = {};
  const firstErrors: string[] = [];
  let accepted = 0;
  let notAccepted = 0;
  let next = 0;
  const sendOne = async (mail: PlannedMail) => {
    for (let attempt = 1; ; attempt++) {
      const startedAt = performance.now();
      if (attempt === 1) opts.onStart?.(mail, startedAt);
      try {
        await transport.sendMail({ envelope: { from: mail.envelopeFrom, to: [mail.envelopeTo] }, raw: mail.raw });
        latencies.push(performance.now() - startedAt);
        accepted += 1;
        return;
      } catch (error) {
        const code = (error as { responseCode?: number }).responseCode;
        if (firstErrors.length < 5) firstErrors.push(`${mail.kind}: ${error instanceof Error ? error.message : String(error)}`);
        const temporary = code !== undefined && code >= 400 && code < 500;
        if (!temporary || attempt === RETRIES) {
          notAccepted += 1;
          return;
        }
        deferred[String(code)] = (deferred[String(code)] ?? 0) + 1;
        await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS));
      }
    }
  };
  const worker = async () => {
    while (next < opts.mails.length) await sendOne(opts.mails[next++]!);
  };
  const started = performance.now();
  try {
    await Promise.all(Array.from({ length: opts.connections }, worker));
  } finally {
    transport.close();
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    mails: opts.mails.length,
    connections: opts.connections,
    accepted,
    deferred,
    notAccepted,
    firstErrors,
    seconds: Math.round(seconds * 100) / 100,
    messagesPerSecond: Math.round(accepted / seconds),
    latency: summarize(latencies),
  };
}
