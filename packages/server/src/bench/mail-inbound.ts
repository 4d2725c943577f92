import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPostgresDatabase, type PostgresDatabase } from './bench-environment.js';
import { type PhaseCpu, withCpu } from './cpu-usage.js';
import { countDeskContents, countTicketsThroughApi, type DeskContents } from './desk-contents.js';
import { type ApiClient, signInWithToken } from './http-load.js';
import { type InboundKind, planInboundMix, planOpeningMails } from './inbound-mail-mix.js';
import { startOutboundMailSink } from './outbound-mail-sink.js';
import { type LatencySummary, summarize } from './percentiles.js';
import { freePort, startServer } from './server-process.js';
import { sendInboundMails, type SmtpLoadResult } from './smtp-load.js';
import { openDeskStream, PROBE_POLL_MS, type ProbeResult, waitUntilSearchable } from './ticket-visibility.js';
import { personName } from './vocabulary.js';

// The mail suite of `npm run bench` (issue 4): a real `deskside serve --role all` with its
// SMTP listener on a fresh desk; the desk's history (tickets mailed in, acknowledged by an
// agent, the acknowledgements delivered to a sink) gives later mail something to reply
// to; then `mails` messages over pooled SMTP connections, timed, and a check that the
// desk holds exactly the tickets and comments that mail should have made.

/** Issue 4's target on SQLite. */
export const MAIL_TARGET_PER_SECOND = 200;
const ADMIN = { email: 'bench-admin@bench.example', password: 'bench-admin-password-1' };
const DOMAIN = 'desk.bench.example';
const KNOWN_REQUESTERS = 300;
const UNKNOWN_SENDERS = 100;
const HISTORY_TICKETS = 200;
const CONNECTIONS = 8;
const PROBES = 200;

export interface MailDialectReport {
  dialect: 'sqlite' | 'postgres';
  mix: { counts: Record<InboundKind, number>; htmlMails: number; meanBytes: number; newRequesters: number };
  history: { ticketsMailedIn: number; acknowledgementsDelivered: number };
  loadAverageAtStart: number;
  smtp: SmtpLoadResult;
  cpu: PhaseCpu;
  acceptToVisible: {
    probes: number;
    notFound: number;
    /** Until a search through the API returns the ticket (polled every PROBE_POLL_MS; client-side). */
    searchable: LatencySummary;
    pollMs: number;
    searchesPerProbe: number;
    /** Until the live stream (/api/v1/stream) of one open desk announced the ticket. */
    announcedOnStream: LatencySummary;
    streamCreatedEvents: number;
  };
  /** Mail the desk sent while the run's mail came in; none is expected. */
  deskMailsDuringRun: number;
  server: { peakRssMb: number; rssAtEndMb: number };
  contents: { expected: Omit<DeskContents, 'emailTickets'>; counted: DeskContents; ticketsThroughApi: number; exact: boolean; differences: string[] };
  meetsTarget: boolean;
}

async function post(client: ApiClient, path: string, body: unknown): Promise<void> {
  const response = await client.pool.request({
    path, method: 'POST', body: JSON.stringify(body), headers: { authorization: `Bearer ${client.token}`, 'content-type': 'application/json' },
  });
  const text = await response.body.text();
  if (response.statusCode >= 300) throw new Error(`POST ${path} answered ${response.statusCode}: ${text.slice(0, 300)}`);
}

async function inParallel<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < items.length) await work(items[next++]!);
  }));
}

async function newTicketIds(client: ApiClient): Promise<number[]> {
  const ids: number[] = [];
  let cursor: string | null = null;
  do {
    const path: string = `/api/v1/tickets?status=new&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const response = await client.pool.request({ path, method: 'GET', headers: { authorization: `Bearer ${client.token}` } });
    const page = JSON.parse(await response.body.text()) as { items: { id: number }[]; nextCursor: string | null };
    ids.push(...page.items.map((t) => t.id));
    cursor = page.nextCursor;
  } while (cursor);
  return ids;
}

async function until(what: string, done: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function measureDialect(dialect: 'sqlite' | 'postgres', serverUrl: string | undefined, mails: number, keep: boolean, log: (line: string) => void): Promise<MailDialectReport> {
  const dataDir = mkdtempSync(join(tmpdir(), `deskside-bench-mail-${dialect}-`));
  let database: PostgresDatabase | null = null;
  const sink = await startOutboundMailSink();
  try {
    if (dialect === 'postgres') database = await createPostgresDatabase(serverUrl!);
    const smtpPort = await freePort();
    const server = await startServer({
      dataDir, databaseUrl: database?.url, logDir: dataDir, adminEmail: ADMIN.email, adminPassword: ADMIN.password, role: 'all',
      env: { DESKSIDE_SMTP_LISTEN: `127.0.0.1:${smtpPort}`, DESKSIDE_MAIL_DOMAIN: DOMAIN, DESKSIDE_SMTP_URL: sink.url },
    });
    try {
      log(`mail ${dialect}: server pid ${server.pid}, HTTP ${server.baseUrl}, SMTP 127.0.0.1:${smtpPort}`);
      const client = await signInWithToken(server.baseUrl, ADMIN.email, ADMIN.password, ['tickets:read', 'tickets:write', 'admin']);
      const known = Array.from({ length: KNOWN_REQUESTERS }, (_, i) => `requester.${i}@staff.bench.example`);
      const unknown = Array.from({ length: UNKNOWN_SENDERS }, (_, i) => `newcomer.${i}@partner.bench.example`);
      await inParallel(known.map((email, i) => ({ email, name: personName(i) })), 8, (person) => post(client, '/api/v1/people', { ...person, role: 'requester' }));

      // History, also the warm-up: mailed-in tickets, acknowledged by an agent, acknowledgements delivered.
      log(`mail ${dialect}: history: ${HISTORY_TICKETS} tickets by mail, acknowledged over HTTP`);
      const opening = await sendInboundMails({ host: '127.0.0.1', port: smtpPort, mails: await planOpeningMails(known.slice(0, HISTORY_TICKETS), DOMAIN), connections: CONNECTIONS });
      if (opening.accepted !== HISTORY_TICKETS) throw new Error(`history: ${opening.accepted} of ${HISTORY_TICKETS} mails accepted: ${opening.firstErrors.join('; ')}`);
      const nextUpdateAt = new Date(Date.now() + 4 * 3600_000).toISOString();
      await inParallel(await newTicketIds(client), 8, (id) => post(client, `/api/v1/tickets/${id}/acknowledge`, { restatement: 'We will look at this today.', nextUpdateAt }));
      await until('the acknowledgements to reach the sink', () => sink.received.length >= HISTORY_TICKETS, 60_000);
      const acknowledgements = sink.received.filter((m) => m.ticketNumber && m.messageId && m.replyTo);

      const probeEvery = Math.max(1, Math.floor((mails * 0.7) / PROBES));
      const mix = await planInboundMix(mails, { known, unknown, acknowledgements }, DOMAIN, probeEvery);
      log(`mail ${dialect}: ${mails} mails planned (${JSON.stringify(mix.counts)}, ${mix.htmlMails} HTML); sending over ${CONNECTIONS} connections`);

      const stream = await openDeskStream(client);
      const loadAverageAtStart = Math.round(loadavg()[0]! * 100) / 100;
      const probes: Promise<(ProbeResult & { startedAt: number }) | null>[] = [];
      const probeErrors: string[] = [];
      const deskMailsBefore = sink.received.length;
      const [smtp, cpu] = await withCpu(server.cpuSeconds, mails, () =>
        sendInboundMails({
          host: '127.0.0.1', port: smtpPort, mails: mix.mails, connections: CONNECTIONS,
          onStart: (mail, startedAt) => {
            if (!mail.probeWord) return;
            // Caught here: a probe failing mid-run must not end the process as an unhandled rejection.
            const probe = waitUntilSearchable(client, mail.probeWord, startedAt).then((r) => r && { ...r, startedAt });
            probes.push(
              probe.catch((error: Error) => {
                probeErrors.push(error.message);
                return null;
              }),
            );
          },
        }),
      );
      log(`mail ${dialect}: ${smtp.messagesPerSecond} mails/s, p95 ${smtp.latency.p95Ms} ms, ${smtp.notAccepted} not accepted; server CPU ${cpu.serverCpuMsPerRequest} ms/mail`);
      const found = (await Promise.all(probes)).filter((p) => p !== null);
      const createdInRun = mix.counts.new + mix.counts['stranger-number'];
      await until('the live stream to announce every probe', () => found.every((p) => stream.createdSeenAt.has(p.ticketId)), 30_000).catch((e: Error) => log(e.message));
      await until('the live stream to announce every new ticket', () => stream.createdSeenAt.size >= createdInRun, 10_000).catch((e: Error) => log(e.message));
      // Machines and requesters' mail get no answer from the desk (decision 0024): nothing may have gone out.
      const deskMailsDuringRun = sink.received.length - deskMailsBefore;
      const announced = found.filter((p) => stream.createdSeenAt.has(p.ticketId)).map((p) => stream.createdSeenAt.get(p.ticketId)! - p.startedAt);
      stream.close();

      const ticketsThroughApi = await countTicketsThroughApi(client);
      await client.pool.close();
      const memory = server.memory();
      await server.stop();
      const counted = await countDeskContents(dataDir, database?.url);
      const expected = {
        tickets: HISTORY_TICKETS + createdInRun,
        publicReplies: mix.counts['reply-in-reply-to'] + mix.counts['reply-subject-number'],
        internalNotes: mix.counts['stranger-number'],
        requesters: KNOWN_REQUESTERS + mix.newRequesters,
        inboundByStatus: { 'ticket-created': HISTORY_TICKETS + createdInRun, 'comment-added': mix.counts['reply-in-reply-to'] + mix.counts['reply-subject-number'], ignored: mix.counts['auto-reply'] },
        quarantined: 0,
      };
      const differences = compare(expected, counted, ticketsThroughApi);
      if (deskMailsDuringRun > 0) differences.push(`the desk sent ${deskMailsDuringRun} mails during the run, expected none`);
      if (probeErrors.length > 0) differences.push(`${probeErrors.length} probes failed: ${probeErrors[0]}`);
      if (stream.createdSeenAt.size !== createdInRun) differences.push(`the live stream announced ${stream.createdSeenAt.size} new tickets, expected ${createdInRun}`);
      return {
        dialect,
        mix: { counts: mix.counts, htmlMails: mix.htmlMails, meanBytes: Math.round(mix.totalBytes / mails), newRequesters: mix.newRequesters },
        history: { ticketsMailedIn: opening.accepted, acknowledgementsDelivered: acknowledgements.length },
        loadAverageAtStart,
        smtp,
        cpu,
        acceptToVisible: {
          probes: probes.length,
          notFound: probes.length - found.length,
          searchable: summarize(found.map((p) => p.visibleMs)),
          pollMs: PROBE_POLL_MS,
          searchesPerProbe: Math.round((found.reduce((n, p) => n + p.searches, 0) / Math.max(1, found.length)) * 10) / 10,
          announcedOnStream: summarize(announced),
          streamCreatedEvents: stream.createdSeenAt.size,
        },
        deskMailsDuringRun,
        server: { peakRssMb: memory.peakRssMb, rssAtEndMb: memory.rssMb },
        contents: { expected, counted, ticketsThroughApi, exact: differences.length === 0, differences },
        meetsTarget: smtp.messagesPerSecond >= MAIL_TARGET_PER_SECOND,
      };
    } finally {
      await server.stop();
    }
  } finally {
    await sink.close();
    if (keep) log(`kept ${dataDir}${database ? ` and database ${database.name}` : ''}`);
    else {
      rmSync(dataDir, { recursive: true, force: true });
      await database?.drop();
    }
  }
}

function compare(expected: MailDialectReport['contents']['expected'], counted: DeskContents, throughApi: number): string[] {
  const differences: string[] = [];
  const check = (what: string, want: number, got: number) => want !== got && differences.push(`${what}: expected ${want}, found ${got}`);
  check('tickets', expected.tickets, counted.tickets);
  check('tickets through the API', expected.tickets, throughApi);
  check('tickets by e-mail', expected.tickets, counted.emailTickets);
  check('public replies', expected.publicReplies, counted.publicReplies);
  check('internal notes', expected.internalNotes, counted.internalNotes);
  check('requesters', expected.requesters, counted.requesters);
  check('quarantined', expected.quarantined, counted.quarantined);
  const statuses = new Set([...Object.keys(expected.inboundByStatus), ...Object.keys(counted.inboundByStatus)]);
  for (const status of statuses) check(`inbound mail ${status}`, expected.inboundByStatus[status] ?? 0, counted.inboundByStatus[status] ?? 0);
  return differences;
}

/** SQLite, then PostgreSQL when `databaseUrl` is given (each on a fresh desk). */
export async function measureInboundMail(opts: { dialects: readonly ('sqlite' | 'postgres')[]; databaseUrl: string | undefined; mails: number; keep: boolean; log: (line: string) => void }) {
  const results: (MailDialectReport | { dialect: string; error: string })[] = [];
  for (const dialect of opts.dialects) {
    try {
      results.push(await measureDialect(dialect, opts.databaseUrl, opts.mails, opts.keep, opts.log));
    } catch (error) {
      opts.log(`mail ${dialect} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      results.push({ dialect, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return { mails: opts.mails, connections: CONNECTIONS, targetPerSecondSqlite: MAIL_TARGET_PER_SECOND, results };
}
