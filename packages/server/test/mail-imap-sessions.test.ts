import { afterEach, expect, it } from 'vitest';
import { findMailboxRow, startMailboxPollers, updateMailbox, type MailboxPollers, type PollerTimings } from '../src/modules/mail/imap/index.js';
import { useDovecot } from './support/dovecot.js';
import { describeImapEachDialect, addImapMailbox, eml, freshFolder, ingestDepsFor, sender, silent, ticketsFrom } from './support/imap-desk.js';
import { useTestDesk } from './support/test-desk.js';

const FILED = ['$Deskside', '\\Seen'].sort();

describeImapEachDialect('IMAP pollers on worker nodes', (dialect) => {
  const desk = useTestDesk(dialect);
  const dovecot = useDovecot();
  const started: MailboxPollers[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((p) => p.stop()));
  });
  const startPollers = (node: string, timings: Partial<PollerTimings>) => {
    const pollers = startMailboxPollers({ db: desk.db, now: desk.ctx.now, log: silent, ingestDeps: ingestDepsFor(desk), node, timings });
    started.push(pollers);
    return pollers;
  };
  // Polling only every minute: whatever arrives sooner was seen through IDLE.
  const idleOnly: Partial<PollerTimings> = { tickMs: 100, leaseMs: 3000, pollMs: 60_000, sessionMs: 60_000 };

  it('two nodes on one database: one holds the lease, IDLE files new mail at once, nothing is filed twice', async () => {
    const folder = freshFolder('nodes');
    const from = sender('nodes');
    const mailbox = await addImapMailbox(desk, dovecot, { folder });
    await dovecot.ensureFolder(folder);
    startPollers('node-a', idleOnly);
    startPollers('node-b', idleOnly);
    await expect.poll(async () => (await findMailboxRow(desk.db, mailbox.id))?.last_poll_at, { timeout: 10_000 }).not.toBeNull();
    const owner = (await findMailboxRow(desk.db, mailbox.id))!.lease_owner;
    expect(['node-a', 'node-b']).toContain(owner);

    for (let i = 1; i <= 6; i++) await dovecot.append(folder, eml({ from, subject: `Burst ${i}`, messageId: `${folder}-${i}@example.com` }));
    await expect.poll(async () => (await ticketsFrom(desk, from)).length, { timeout: 15_000 }).toBe(6);
    await expect.poll(async () => [...(await dovecot.flags(folder)).values()], { timeout: 5_000 }).toEqual(Array(6).fill(FILED));
    // The status is written at the end of each pass, just after its last flag.
    await expect.poll(async () => findMailboxRow(desk.db, mailbox.id), { timeout: 5_000 }).toMatchObject({ lease_owner: owner, filed_count: 6, last_error: null });

    await Promise.all(started.splice(0).map((p) => p.stop()));
    expect(await findMailboxRow(desk.db, mailbox.id)).toMatchObject({ lease_owner: null, lease_until: null });
    expect(await ticketsFrom(desk, from)).toHaveLength(6);
  });

  it("an admin's change ends the session; the next one runs on the new folder", async () => {
    const first = freshFolder('before');
    const second = freshFolder('after');
    const from = sender('switch');
    const mailbox = await addImapMailbox(desk, dovecot, { folder: first });
    await dovecot.ensureFolder(first);
    await dovecot.ensureFolder(second);
    startPollers('node-c', { ...idleOnly, leaseMs: 600 });
    await expect.poll(async () => (await findMailboxRow(desk.db, mailbox.id))?.last_poll_at, { timeout: 10_000 }).not.toBeNull();

    await desk.db.transaction().execute((tx) => updateMailbox(tx, mailbox.id, { folder: second }, 1, desk.ctx.now()));
    await dovecot.append(second, eml({ from, subject: 'In the new folder', messageId: `${second}@example.com` }));
    await expect.poll(async () => (await ticketsFrom(desk, from)).length, { timeout: 15_000 }).toBe(1);
    expect([...(await dovecot.flags(second)).values()]).toEqual([FILED]);
  });

  it('a refused login is shown in the status and retried later, not at once', async () => {
    const folder = freshFolder('badpw');
    const mailbox = await addImapMailbox(desk, dovecot, { folder, password: 'not-the-password' });
    startPollers('node-d', { ...idleOnly, retryMs: 60_000 });
    await expect.poll(async () => (await findMailboxRow(desk.db, mailbox.id))?.last_error, { timeout: 10_000 }).toMatch(/authentication failed/);
    // Held until the retry: no other node hammers a server that refuses the login. The
    // session records the error first and hands the lease back with the retry time after it.
    await expect.poll(async () => ((await findMailboxRow(desk.db, mailbox.id))?.lease_until ?? 0) - desk.ctx.now(), { timeout: 10_000 }).toBeGreaterThan(50_000);
    const row = (await findMailboxRow(desk.db, mailbox.id))!;
    expect(row.lease_owner).toBe('node-d');
    expect(row.last_error).not.toContain('not-the-password');
    await desk.db.updateTable('mail_mailboxes').set({ enabled: 0 }).where('id', '=', mailbox.id).execute();
  });
});
