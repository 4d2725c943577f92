import { readConfig, type Config } from '../config.js';
import { openDesk } from '../desk.js';
import { buildServer } from '../http/server.js';
import { startWorker } from '../jobs/worker.js';
import { blobStoreFor } from '../modules/attachments/index.js';
import { DEMO_PASSWORD, seedDemo } from '../modules/demo/index.js';
import { mailOriginOf } from '../modules/mail/index.js';
import { DEFAULT_PARSE_LIMITS } from '../modules/mail/inbound/index.js';
import { ingestInboundMessage, startSmtpListener } from '../modules/mail/ingest/index.js';
import { pollerTimingsFromEnv, startMailboxPollers } from '../modules/mail/imap/index.js';
import { createAdminFromEnv, printSetupLinkIfNeeded } from './first-run.js';

export type Role = 'api' | 'worker' | 'all';

/** Runs the desk: the HTTP API and web app, the background worker, or both. Stops cleanly on SIGTERM/SIGINT. */
export async function serve(role: Role, overrides: Partial<Config> = {}): Promise<void> {
  const config = { ...readConfig(), ...overrides };
  const desk = await openDesk(config);
  const { ctx } = desk;
  await createAdminFromEnv(ctx, config);
  if (config.demo) {
    const seeded = await seedDemo(ctx.db, ctx.now());
    if (seeded.created) {
      const lines = seeded.accounts.map((a) => `  ${a.role.padEnd(9)} ${a.email}`).join('\n');
      process.stderr.write(`\nDemo desk seeded with ${seeded.tickets} tickets. Sign in with password "${DEMO_PASSWORD}" as:\n${lines}\n\n`);
    }
  }
  await printSetupLinkIfNeeded(ctx, config);
  const app = role === 'worker' ? null : await buildServer(ctx);
  const worker = role === 'api' ? null : startWorker(ctx);
  if (app) {
    await app.listen({ port: config.port, host: config.host });
    process.stderr.write(`Deskside is up on ${config.publicUrl} (${ctx.dialect}, role ${role})\n`);
  }
  const deps = { db: ctx.db, now: ctx.now, mailboxAddresses: [`support@${config.mail.domain}`], mail: mailOriginOf(config), blobs: blobStoreFor(config) };
  const smtp =
    role !== 'worker' && config.mail.listen
      ? await startSmtpListener({
          listen: config.mail.listen,
          domain: config.mail.domain,
          maxBytes: DEFAULT_PARSE_LIMITS.maxBytes,
          ingest: (mailbox, raw) => ingestInboundMessage(deps, mailbox, raw),
          log: ctx.log,
        })
      : null;
  if (smtp) process.stderr.write(`Inbound mail on smtp://${smtp.host}:${smtp.port} for @${config.mail.domain}\n`);
  // IMAP mailboxes are polled by worker nodes, one node per mailbox under a lease (decision 0025).
  const pollers = role === 'api' ? null : startMailboxPollers({ db: ctx.db, now: ctx.now, log: ctx.log, ingestDeps: deps, timings: pollerTimingsFromEnv(process.env), secretKey: config.secretKey });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    ctx.log.info({ signal }, 'shutting down');
    await smtp?.close();
    await pollers?.stop();
    await app?.close();
    await worker?.stop();
    await desk.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}
