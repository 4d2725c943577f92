import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { beforeAll, expect, inject, it } from 'vitest';
import { findMailboxRow, startMailboxPollers } from '../src/modules/mail/imap/index.js';
import { useDovecot } from './support/dovecot.js';
import { describeImapEachDialect, DESK_ADDRESS, DOMAIN, addImapMailbox, eml, freshFolder, ingestDepsFor, sender, silent, ticketsFrom } from './support/imap-desk.js';
import { useTestDesk } from './support/test-desk.js';

const CHILD = fileURLToPath(new URL('./support/imap-poller-child.ts', import.meta.url));
const BIN = fileURLToPath(new URL('../bin/deskside.js', import.meta.url));
const LEASE_MS = 1500;

describeImapEachDialect('IMAP poller killed between the commit and the flag', (dialect) => {
  const desk = useTestDesk(dialect);
  const dovecot = useDovecot();

  it('a new poller run flags the message without a second ticket', async () => {
    const folder = freshFolder('fault');
    const from = sender('fault');
    const uid = await dovecot.append(folder, eml({ from, subject: 'Filed, then the worker died', messageId: `${folder}@example.com` }));
    const mailbox = await addImapMailbox(desk, dovecot, { folder });

    // The child runs the real pollers from source, with a hook that SIGKILLs it right after the commit.
    const child = spawn(
      process.execPath,
      ['--conditions=@deskside/source', '--import', 'tsx', CHILD, JSON.stringify({ env: desk.database.env, node: 'doomed', leaseMs: LEASE_MS, deskAddress: DESK_ADDRESS, domain: DOMAIN })],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    expect(exit.signal, output).toBe('SIGKILL');
    expect(output).toContain(`committed ${uid} created`);

    // Committed but not flagged: the ticket is there once, the message is still unread at the source.
    expect(await ticketsFrom(desk, from)).toHaveLength(1);
    expect((await dovecot.flags(folder)).get(uid)).toEqual([]);
    expect(await findMailboxRow(desk.db, mailbox.id)).toMatchObject({ lease_owner: 'doomed' });

    // Another worker takes the lease once it runs out, reads the message again: a duplicate, flagged now.
    const pollers = startMailboxPollers({ db: desk.db, now: desk.ctx.now, log: silent, ingestDeps: ingestDepsFor(desk), node: 'survivor', timings: { tickMs: 100, leaseMs: LEASE_MS } });
    try {
      await expect.poll(async () => (await dovecot.flags(folder)).get(uid), { timeout: 15_000 }).toEqual(['$Deskside', '\\Seen']);
      expect(await ticketsFrom(desk, from)).toHaveLength(1);
      const stored = await desk.db.selectFrom('mail_messages').selectAll().where('message_id', '=', `${folder}@example.com`).execute();
      expect(stored).toHaveLength(1);
      // The status is written at the end of the pass, just after the flag.
      await expect.poll(async () => findMailboxRow(desk.db, mailbox.id), { timeout: 5_000 }).toMatchObject({ lease_owner: 'survivor', last_uid: uid, last_error: null });
    } finally {
      await pollers.stop();
    }
  });
});

describeImapEachDialect('a worker process polling IMAP', (dialect) => {
  const desk = useTestDesk(dialect);
  const dovecot = useDovecot();
  beforeAll(() => {
    const build = inject('cliBuild');
    if (!build.ok) throw new Error(`Building shared and server for the worker tests failed:\n${build.output}`);
  });

  it('`serve --role worker` files IMAP mail and stops cleanly on SIGTERM, giving its lease back', async () => {
    const folder = freshFolder('worker');
    const from = sender('worker');
    const mailbox = await addImapMailbox(desk, dovecot, { folder });
    await dovecot.append(folder, eml({ from, subject: 'Through a real worker', messageId: `${folder}@example.com` }));
    const child = spawn(process.execPath, [BIN, 'serve', '--role', 'worker'], {
      env: { ...process.env, ...desk.database.env, DATABASE_URL: desk.database.env.DATABASE_URL ?? '', DESKSIDE_MAIL_DOMAIN: DOMAIN, LOG_LEVEL: 'warn', DESKSIDE_ADMIN_EMAIL: '', DESKSIDE_DEMO: '', PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<{ code: number | null }>((resolve) => child.on('exit', (code) => resolve({ code })));
    try {
      await expect.poll(async () => (await ticketsFrom(desk, from)).length, { timeout: 20_000 }).toBe(1);
      await expect.poll(async () => (await dovecot.flags(folder)).size && [...(await dovecot.flags(folder)).values()][0], { timeout: 5_000 }).toEqual(['$Deskside', '\\Seen']);
      expect((await findMailboxRow(desk.db, mailbox.id))!.lease_owner).toContain(`/${child.pid}/`);
      child.kill('SIGTERM');
      expect((await exited).code, output).toBe(0);
      expect(await findMailboxRow(desk.db, mailbox.id)).toMatchObject({ lease_owner: null, lease_until: null, filed_count: 1 });
    } finally {
      child.kill('SIGKILL');
    }
  });
});
