import { expect, it } from 'vitest';
import { ingestInboundMessage } from '../src/modules/mail/ingest/index.js';
import { FILED_KEYWORD, findMailboxRow, type IngestWith } from '../src/modules/mail/imap/index.js';
import { useDovecot } from './support/dovecot.js';
import { describeImapEachDialect, DESK_ADDRESS, addImapMailbox, eml, freshFolder, pollOnce, poisonEml, sender, ticketsFrom } from './support/imap-desk.js';
import { useTestDesk } from './support/test-desk.js';

const FILED = ['$Deskside', '\\Seen'].sort();

describeImapEachDialect('IMAP polling of an existing mailbox', (dialect) => {
  const desk = useTestDesk(dialect);
  const dovecot = useDovecot();
  const failuresOf = (mailboxId: number) => desk.db.selectFrom('mail_mailbox_failures').selectAll().where('mailbox_id', '=', mailboxId).execute();

  it('a new mail becomes exactly one ticket and is flagged only after the ticket committed', async () => {
    const folder = freshFolder('new');
    const from = sender('ada');
    const uid = await dovecot.append(folder, eml({ from: `Ada Lovelace <${from}>`, subject: 'Engine will not start', messageId: `${folder}@example.com` }));
    const mailbox = await addImapMailbox(desk, dovecot, { folder });
    expect(FILED_KEYWORD).toBe('$Deskside');

    const seenAtCommit: { tickets: number; flags: string[] | undefined }[] = [];
    const result = await pollOnce(desk, mailbox.id, {
      hooks: {
        afterCommit: async ({ uid: committed, outcome }) => {
          expect(committed).toBe(uid);
          expect(outcome.outcome).toBe('created');
          seenAtCommit.push({ tickets: (await ticketsFrom(desk, from)).length, flags: (await dovecot.flags(folder)).get(uid) });
        },
      },
    });
    // At the moment of the hook the ticket was readable from another connection and the message still unflagged.
    expect(seenAtCommit).toEqual([{ tickets: 1, flags: [] }]);
    expect(result).toMatchObject({ seen: 1, filed: 1, failed: 0 });
    expect((await dovecot.flags(folder)).get(uid)).toEqual(FILED);
    const tickets = await ticketsFrom(desk, from);
    expect(tickets).toHaveLength(1);
    expect(tickets[0]).toMatchObject({ subject: 'Engine will not start', channel: 'email' });
    const stored = await desk.db.selectFrom('mail_messages').selectAll().where('message_id', '=', `${folder}@example.com`).executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ direction: 'in', mailbox: DESK_ADDRESS, ticket_id: tickets[0]!.id, status: 'ticket-created' });
    expect(await findMailboxRow(desk.db, mailbox.id)).toMatchObject({
      last_uid: uid, last_uid_validity: Number(await dovecot.uidValidity(folder)), filed_count: 1, last_error: null, last_poll_at: expect.any(Number),
    });

    // Filed mail is not read again.
    expect(await pollOnce(desk, mailbox.id)).toMatchObject({ seen: 0, filed: 0 });
    expect(await ticketsFrom(desk, from)).toHaveLength(1);
  });

  it("a participant's reply threads onto the ticket as a public comment", async () => {
    const folder = freshFolder('reply');
    const from = sender('grace');
    const first = `${folder}-first@example.com`;
    await dovecot.append(folder, eml({ from, subject: 'Printer jams', messageId: first, body: 'It jams on every page.' }));
    const mailbox = await addImapMailbox(desk, dovecot, { folder });
    await pollOnce(desk, mailbox.id);
    const [ticket] = await ticketsFrom(desk, from);
    expect(ticket).toBeDefined();

    const reply = await dovecot.append(folder, eml({ from, subject: 'Re: Printer jams', messageId: `${folder}-reply@example.com`, inReplyTo: first, body: 'Now it also smells of toast.' }));
    expect(await pollOnce(desk, mailbox.id)).toMatchObject({ seen: 1, filed: 1 });
    expect(await ticketsFrom(desk, from)).toHaveLength(1);
    const comments = await desk.db.selectFrom('ticket_events').selectAll().where('ticket_id', '=', ticket!.id).where('type', '=', 'public_reply').execute();
    expect(comments.map((c) => [c.body, c.visibility])).toEqual([['Now it also smells of toast.', 'public']]);
    expect((await dovecot.flags(folder)).get(reply)).toEqual(FILED);
  });

  it('the same message appended five times gives one ticket, and all five are flagged', async () => {
    const folder = freshFolder('five');
    const from = sender('five');
    const raw = eml({ from, subject: 'Five copies', messageId: `${folder}@example.com` });
    for (let i = 0; i < 5; i++) await dovecot.append(folder, raw);
    const mailbox = await addImapMailbox(desk, dovecot, { folder });
    expect(await pollOnce(desk, mailbox.id)).toMatchObject({ seen: 5, filed: 1, failed: 0 });
    expect(await ticketsFrom(desk, from)).toHaveLength(1);
    expect([...(await dovecot.flags(folder)).values()]).toEqual(Array(5).fill(FILED));
    expect(await findMailboxRow(desk.db, mailbox.id)).toMatchObject({ filed_count: 1 });
  });

  it('a poison message is quarantined and flagged; the next message still becomes a ticket', async () => {
    const folder = freshFolder('poison');
    const bad = sender('bad');
    const good = sender('good');
    const poisonUid = await dovecot.append(folder, poisonEml(bad));
    const goodUid = await dovecot.append(folder, eml({ from: good, subject: 'After the poison', messageId: `${folder}@example.com` }));
    const mailbox = await addImapMailbox(desk, dovecot, { folder });
    expect(await pollOnce(desk, mailbox.id)).toMatchObject({ seen: 2, filed: 2, failed: 0 });
    const held = await desk.db.selectFrom('mail_quarantine').selectAll().where('mailbox', '=', DESK_ADDRESS).where('reason', 'like', 'poison: too-deep%').execute();
    expect(held.some((q) => q.raw.toString().includes(bad))).toBe(true);
    expect(await ticketsFrom(desk, bad)).toHaveLength(0);
    expect(await ticketsFrom(desk, good)).toHaveLength(1);
    const flags = await dovecot.flags(folder);
    expect([flags.get(poisonUid), flags.get(goodUid)]).toEqual([FILED, FILED]);
  });

  it('a UIDVALIDITY change resyncs the folder without duplicate tickets', async () => {
    const folder = freshFolder('uidv');
    const from = sender('resync');
    const raws = [1, 2].map((n) => eml({ from, subject: `Resync ${n}`, messageId: `${folder}-${n}@example.com` }));
    for (const raw of raws) await dovecot.append(folder, raw);
    const mailbox = await addImapMailbox(desk, dovecot, { folder });
    expect(await pollOnce(desk, mailbox.id)).toMatchObject({ filed: 2 });
    const before = (await findMailboxRow(desk.db, mailbox.id))!;

    // The folder is re-created (a server migration, a restore): same messages, new UIDs, no flags.
    await new Promise((r) => setTimeout(r, 1100));
    await dovecot.recreateFolder(folder);
    for (const raw of raws) await dovecot.append(folder, raw);
    await dovecot.append(folder, eml({ from, subject: 'Resync 3', messageId: `${folder}-3@example.com` }));
    const uidValidity = Number(await dovecot.uidValidity(folder));
    expect(uidValidity).not.toBe(before.last_uid_validity);

    expect(await pollOnce(desk, mailbox.id)).toMatchObject({ uidValidity, seen: 3, filed: 1, failed: 0 });
    expect((await ticketsFrom(desk, from)).map((t) => t.subject).sort()).toEqual(['Resync 1', 'Resync 2', 'Resync 3']);
    expect([...(await dovecot.flags(folder)).values()]).toEqual(Array(3).fill(FILED));
    expect(await findMailboxRow(desk.db, mailbox.id)).toMatchObject({ last_uid_validity: uidValidity, filed_count: 3 });
  });

  it('a transient ingest failure leaves the message unflagged; the next poll files it', async () => {
    const folder = freshFolder('transient');
    const from = sender('transient');
    const uid = await dovecot.append(folder, eml({ from, subject: 'Try again later', messageId: `${folder}@example.com` }));
    const mailbox = await addImapMailbox(desk, dovecot, { folder });
    const down: IngestWith = () => Promise.reject(new Error('database is restarting'));

    expect(await pollOnce(desk, mailbox.id, { ingest: down })).toMatchObject({ seen: 1, filed: 0, failed: 1 });
    expect((await dovecot.flags(folder)).get(uid)).toEqual([]);
    expect(await ticketsFrom(desk, from)).toHaveLength(0);
    expect(await failuresOf(mailbox.id)).toMatchObject([{ uid, attempts: 1, last_error: 'database is restarting' }]);
    expect((await findMailboxRow(desk.db, mailbox.id))!.last_error).toContain('database is restarting');

    expect(await pollOnce(desk, mailbox.id)).toMatchObject({ seen: 1, filed: 1, failed: 0 });
    expect((await dovecot.flags(folder)).get(uid)).toEqual(FILED);
    expect(await ticketsFrom(desk, from)).toHaveLength(1);
    expect(await failuresOf(mailbox.id)).toEqual([]);
    expect(await findMailboxRow(desk.db, mailbox.id)).toMatchObject({ last_error: null, filed_count: 1 });
  });

  it('a message that fails three times is quarantined and flagged; the rest of the mailbox keeps flowing', async () => {
    const folder = freshFolder('three');
    const stuck = sender('stuck');
    const fine = sender('fine');
    const stuckUid = await dovecot.append(folder, eml({ from: stuck, subject: 'Always fails', messageId: `${folder}-stuck@example.com` }));
    const mailbox = await addImapMailbox(desk, dovecot, { folder });
    const picky: IngestWith = (deps, box, raw) => (raw.toString().includes('Always fails') ? Promise.reject(new Error('lock timeout')) : ingestInboundMessage(deps, box, raw));

    await pollOnce(desk, mailbox.id, { ingest: picky });
    const fineUid = await dovecot.append(folder, eml({ from: fine, subject: 'Meanwhile', messageId: `${folder}-fine@example.com` }));
    // The stuck message comes first in every pass and never holds up the one behind it.
    expect(await pollOnce(desk, mailbox.id, { ingest: picky })).toMatchObject({ seen: 2, filed: 1, failed: 1 });
    expect(await ticketsFrom(desk, fine)).toHaveLength(1);
    expect((await dovecot.flags(folder)).get(stuckUid)).toEqual([]);
    expect(await failuresOf(mailbox.id)).toMatchObject([{ uid: stuckUid, attempts: 2 }]);

    expect(await pollOnce(desk, mailbox.id, { ingest: picky })).toMatchObject({ seen: 1, filed: 1, failed: 1 });
    const flags = await dovecot.flags(folder);
    expect([flags.get(stuckUid), flags.get(fineUid)]).toEqual([FILED, FILED]);
    const held = await desk.db.selectFrom('mail_quarantine').selectAll().where('reason', '=', 'ingest failed 3 times: lock timeout').execute();
    expect(held.filter((q) => q.raw.toString().includes(stuck))).toHaveLength(1);
    expect(await ticketsFrom(desk, stuck)).toHaveLength(0);
    expect(await failuresOf(mailbox.id)).toEqual([]);
    expect(await pollOnce(desk, mailbox.id, { ingest: picky })).toMatchObject({ seen: 0 });
  });

  it('mail that arrived long before the mailbox was added is history and is left alone', async () => {
    const folder = freshFolder('history');
    const from = sender('history');
    const old = await dovecot.append(folder, eml({ from, subject: 'Last year', messageId: `${folder}-old@example.com` }), new Date(Date.now() - 3 * 86_400_000));
    const recent = await dovecot.append(folder, eml({ from, subject: 'This morning', messageId: `${folder}-new@example.com` }), new Date(Date.now() - 3_600_000));
    const mailbox = await addImapMailbox(desk, dovecot, { folder });
    expect(await pollOnce(desk, mailbox.id)).toMatchObject({ seen: 1, filed: 1 });
    expect((await ticketsFrom(desk, from)).map((t) => t.subject)).toEqual(['This morning']);
    const flags = await dovecot.flags(folder);
    expect([flags.get(old), flags.get(recent)]).toEqual([[], FILED]);
  });

  it('"move" files mail into the configured folder, flagged there', async () => {
    const folder = freshFolder('move');
    const target = `${folder}-filed`;
    const from = sender('mover');
    await dovecot.append(folder, eml({ from, subject: 'Move me', messageId: `${folder}@example.com` }));
    const mailbox = await addImapMailbox(desk, dovecot, { folder, afterFiling: 'move', moveTo: target });
    await dovecot.ensureFolder(target);
    expect(await pollOnce(desk, mailbox.id)).toMatchObject({ seen: 1, filed: 1 });
    expect((await dovecot.flags(folder)).size).toBe(0);
    expect([...(await dovecot.flags(target)).values()]).toEqual([FILED]);
    expect(await ticketsFrom(desk, from)).toHaveLength(1);
  });
});
