import { loadavg } from 'node:os';
import { join } from 'node:path';
import type { CreateTicketBody } from '@deskside/shared';
import { databaseSizeMb } from './bench-environment.js';
import { type PhaseCpu, withCpu } from './cpu-usage.js';
import { createTickets, type CreateResult, type QueueResult, searchLatency, type SearchResult, signInWithToken, walkQueue } from './http-load.js';
import { type BenchDialect, seedDesk, type SeedResult } from './seed-bulk.js';
import { startServer } from './server-process.js';
import { COMMON_QUERY_WORD, RARE_QUERY_WORD, Rng, ticketText } from './vocabulary.js';

/** The targets at 1,000,000 tickets on the 2-core machine. */
export const TARGETS = { createTicketsPerSecond: 2000, queuePageP95Ms: 20, searchP95Ms: 50, peakRssMb: 300 };

export interface DialectReport {
  seed: SeedResult;
  databaseSizeMb: number;
  create: CreateResult & { cpu: PhaseCpu };
  queue: QueueResult & { cpu: PhaseCpu };
  search: { common: SearchResult & { seededTicketsMatching: number }; rare: SearchResult & { seededTicketsMatching: number }; cpu: PhaseCpu };
  /** 1-minute load average when measuring began: above ~2 on this machine, others were busy too. */
  loadAverageAtStart: number;
  server: { peakRssMb: number; rssAtEndMb: number; rssAfterStartMb: number };
  meetsTargets: Record<keyof typeof TARGETS, boolean>;
}

const ADMIN = { email: 'bench-admin@bench.example', password: 'bench-admin-password-1' };
const WARMUP_CREATES = 200;
const WARMUP_WALKS = 20;
const WARMUP_SEARCHES = 20;

/** Seeds one dialect, starts the server on it, measures, stops it. */
export async function runDialect(opts: {
  dialect: BenchDialect;
  dataDir: string;
  databaseUrl: string | undefined;
  tickets: number;
  creates: number;
  samples: number;
  requesters: number;
  log: (line: string) => void;
}): Promise<DialectReport> {
  const { dialect, log } = opts;
  log(`${dialect}: seeding ${opts.tickets} tickets in ${opts.databaseUrl ? 'a fresh database' : opts.dataDir}`);
  const { summary: seed, requesterIds } = await seedDesk({
    dialect, tickets: opts.tickets, dataDir: opts.dataDir, databaseUrl: opts.databaseUrl,
    adminEmail: ADMIN.email, adminPassword: ADMIN.password, requesters: opts.requesters, agentsPerGroup: 8, log,
  });
  log(`${dialect}: seeded in ${seed.seconds} s (${seed.ticketsPerSecond} tickets/s)`);

  const server = await startServer({ dataDir: opts.dataDir, databaseUrl: opts.databaseUrl, logDir: opts.dataDir, adminEmail: ADMIN.email, adminPassword: ADMIN.password });
  try {
    const rssAfterStartMb = server.memory().rssMb;
    log(`${dialect}: server pid ${server.pid} ready on ${server.baseUrl} (${rssAfterStartMb} MB)`);
    const client = await signInWithToken(server.baseUrl, ADMIN.email, ADMIN.password);
    const loadAverageAtStart = Math.round(loadavg()[0]! * 100) / 100;

    const rng = new Rng(42);
    const body = (): CreateTicketBody => {
      const text = ticketText(rng);
      return {
        type: rng.chance(0.7) ? 'incident' : 'service_request', subject: text.subject, description: text.description,
        impact: rng.int(1, 3) as 1 | 2 | 3, urgency: rng.int(1, 3) as 1 | 2 | 3, requesterId: rng.pick(requesterIds),
      };
    };
    log(`${dialect}: warming up with ${WARMUP_CREATES} creates`);
    await createTickets(client, WARMUP_CREATES, 16, body);
    log(`${dialect}: creating ${opts.creates} tickets over HTTP at concurrency 16`);
    const [created, createCpu] = await withCpu(server.cpuSeconds, opts.creates, () => createTickets(client, opts.creates, 16, body));
    const create = { ...created, cpu: createCpu };
    log(`${dialect}: ${create.ticketsPerSecond} tickets/s (server CPU ${createCpu.serverPercentOfOneCore}%, bench ${createCpu.benchClientPercentOfOneCore}%)`);

    log(`${dialect}: queue, ${opts.samples} walks to page 5`);
    await walkQueue(client, WARMUP_WALKS);
    const [walked, queueCpu] = await withCpu(server.cpuSeconds, opts.samples * 5, () => walkQueue(client, opts.samples));
    const queue = { ...walked, cpu: queueCpu };
    log(`${dialect}: queue p95 first ${queue.firstPage.p95Ms} ms, fifth ${queue.fifthPage.p95Ms} ms`);

    const search = async (word: string) => {
      await searchLatency(client, word, WARMUP_SEARCHES);
      return searchLatency(client, word, opts.samples);
    };
    log(`${dialect}: search "${COMMON_QUERY_WORD}" and "${RARE_QUERY_WORD}", ${opts.samples} each`);
    const [[common, rare], searchCpu] = await withCpu(server.cpuSeconds, opts.samples * 2 + WARMUP_SEARCHES * 2, async () => [
      await search(COMMON_QUERY_WORD),
      await search(RARE_QUERY_WORD),
    ]);
    log(`${dialect}: search p95 common ${common.p95Ms} ms, rare ${rare.p95Ms} ms`);

    await client.pool.close();
    const memory = server.memory();
    const report: DialectReport = {
      seed,
      databaseSizeMb: 0,
      create,
      queue,
      search: {
        common: { ...common, seededTicketsMatching: seed.words.common.tickets },
        rare: { ...rare, seededTicketsMatching: seed.words.rare.tickets },
        cpu: searchCpu,
      },
      loadAverageAtStart,
      server: { peakRssMb: memory.peakRssMb, rssAtEndMb: memory.rssMb, rssAfterStartMb },
      meetsTargets: {
        createTicketsPerSecond: create.ticketsPerSecond >= TARGETS.createTicketsPerSecond,
        queuePageP95Ms: Math.max(queue.firstPage.p95Ms, queue.fifthPage.p95Ms) <= TARGETS.queuePageP95Ms,
        searchP95Ms: Math.max(common.p95Ms, rare.p95Ms) <= TARGETS.searchP95Ms,
        peakRssMb: memory.peakRssMb <= TARGETS.peakRssMb,
      },
    };
    await server.stop();
    report.databaseSizeMb = await databaseSizeMb(opts.databaseUrl ? null : join(opts.dataDir, 'deskside.sqlite'), opts.databaseUrl);
    return report;
  } finally {
    await server.stop();
  }
}
