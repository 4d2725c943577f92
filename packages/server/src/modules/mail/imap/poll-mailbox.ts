import type { ImapFlow, SearchObject } from 'imapflow';
import type { Logger } from 'pino';
import type { Db } from '../../../db/connect.js';
import type { MailMailboxRow } from '../../../db/types.js';
import { QUARANTINE_RAW_CAP, quarantineMessage, type IngestDeps, type IngestOutcome } from '../ingest/index.js';
import { describeImapError } from './imap-connection.js';
import { clearIngestFailure, countIngestFailure, forgetOtherUidValidities, recordMailboxStatus } from './mailboxes-repo.js';

/** The keyword a filed message gets at the source, with \Seen (flag mode, and before a move). */
export const FILED_KEYWORD = '$Deskside';
/** Failed ingests of one message before its bytes go to quarantine and the mailbox moves on. */
export const MAX_INGEST_ATTEMPTS = 3;
/** Mail that arrived this long before the mailbox was added is still filed; older mail is history. */
export const HISTORY_GRACE_MS = 24 * 60 * 60 * 1000;

/** How a message reaches the desk; tests wrap ingestInboundMessage to fail on purpose. */
export type IngestWith = (deps: IngestDeps, mailbox: string, raw: Buffer) => Promise<IngestOutcome>;

export interface PollHooks {
  /** Runs once a message's ingest has committed, before it is flagged or moved at the source. */
  afterCommit?: (event: { uid: number; outcome: IngestOutcome }) => void | Promise<void>;
}

export interface PollDeps {
  db: Db;
  now: () => number;
  log: Logger;
  ingestDeps: IngestDeps;
  ingest: IngestWith;
  /** Larger messages are quarantined from their first bytes without being fetched whole. */
  maxBytes: number;
  hooks?: PollHooks;
  /** Aborted: stop between two messages. */
  signal?: AbortSignal;
}

export interface PollResult {
  uidValidity: number;
  seen: number;
  filed: number;
  failed: number;
}

/**
 * One pass over the open folder: every message not yet filed goes through ingest, one at a
 * time, and is flagged (or moved) only after ingest committed. A crash in between leaves
 * it unflagged; the next pass files it again, which ingest answers "duplicate", and flags
 * it then. A throw from ingest leaves the message for the next pass, counted; the third
 * failure quarantines its bytes and flags it, so one bad message never holds up the rest.
 */
export async function pollMailbox(client: ImapFlow, mailbox: MailMailboxRow, deps: PollDeps): Promise<PollResult> {
  const box = client.mailbox;
  if (!box) throw new Error(`folder ${mailbox.folder} is not open`);
  const uidValidity = Number(box.uidValidity);
  const result: PollResult = { uidValidity, seen: 0, filed: 0, failed: 0 };
  let lastUid = mailbox.last_uid_validity === uidValidity ? mailbox.last_uid : null;
  let lastError: string | null = null;
  if (mailbox.last_uid_validity !== null && mailbox.last_uid_validity !== uidValidity) {
    // The folder was re-created or renumbered: every UID is new. Re-reading all of it is safe
    // because ingest keys on the Message-ID (or the content), so filed mail comes back "duplicate".
    deps.log.warn({ mailbox: mailbox.address, from: mailbox.last_uid_validity, to: uidValidity }, 'IMAP UIDVALIDITY changed; re-reading the folder');
    await forgetOtherUidValidities(deps.db, mailbox.id, uidValidity);
  }
  // Without custom keywords (PERMANENTFLAGS lacks \*) \Seen alone marks filed mail.
  const keywords = box.permanentFlags?.has('\\*') ?? false;
  // An existing support@ box may hold years of mail: only what arrived from a day before the
  // mailbox was added is the desk's (SINCE compares the arrival date, by day).
  const since = new Date(mailbox.created_at - HISTORY_GRACE_MS);
  const query: SearchObject =
    mailbox.after_filing === 'move'
      ? { deleted: false, since }
      : keywords
        ? { unKeyword: FILED_KEYWORD, deleted: false, since }
        : { seen: false, deleted: false, since };
  try {
    const found = await client.search(query, { uid: true });
    const uids = (found || []).sort((a, b) => a - b);
    for (const uid of uids) {
      if (deps.signal?.aborted) break;
      result.seen++;
      const key = { mailboxId: mailbox.id, uidValidity, uid };
      const head = await client.fetchOne(String(uid), { size: true }, { uid: true });
      if (!head) continue; // expunged meanwhile
      const tooLarge = (head.size ?? 0) > deps.maxBytes;
      const fetched = await client.fetchOne(String(uid), { source: tooLarge ? { start: 0, maxLength: QUARANTINE_RAW_CAP } : true }, { uid: true });
      if (!fetched || !fetched.source) continue;
      const raw = fetched.source;
      let outcome: IngestOutcome;
      if (tooLarge) {
        const reason = `poison: too-large (${head.size} bytes over IMAP)`;
        await quarantineMessage(deps.db, { mailbox: mailbox.address, dedupeKey: null, reason, raw, now: deps.now() });
        outcome = { outcome: 'quarantined', reason };
      } else {
        try {
          outcome = await deps.ingest(deps.ingestDeps, mailbox.address, raw);
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          const attempts = await countIngestFailure(deps.db, key, message, deps.now());
          result.failed++;
          lastError = `message UID ${uid}: ingest failed (attempt ${attempts} of ${MAX_INGEST_ATTEMPTS}): ${message}`;
          deps.log.warn({ err: error, mailbox: mailbox.address, uid, attempts }, 'IMAP message not filed; left for the next poll');
          if (attempts < MAX_INGEST_ATTEMPTS) continue;
          const reason = `ingest failed ${attempts} times: ${message}`;
          await quarantineMessage(deps.db, { mailbox: mailbox.address, dedupeKey: null, reason, raw, now: deps.now() });
          outcome = { outcome: 'quarantined', reason };
        }
      }
      await deps.hooks?.afterCommit?.({ uid, outcome });
      await markFiled(client, mailbox, uid, keywords);
      await clearIngestFailure(deps.db, key);
      if (outcome.outcome !== 'duplicate') result.filed++;
      lastUid = Math.max(lastUid ?? 0, uid);
      deps.log.info({ mailbox: mailbox.address, uid, outcome: outcome.outcome }, 'inbound mail (IMAP)');
    }
  } catch (error) {
    lastError = describeImapError(error, mailbox);
    throw error;
  } finally {
    await recordMailboxStatus(deps.db, mailbox.id, { now: deps.now(), error: lastError, uidValidity, lastUid, filed: result.filed }).catch((error: unknown) =>
      deps.log.warn({ err: error, mailbox: mailbox.address }, 'IMAP status not recorded'),
    );
  }
  return result;
}

async function markFiled(client: ImapFlow, mailbox: MailMailboxRow, uid: number, keywords: boolean): Promise<void> {
  if (!(await client.messageFlagsAdd(String(uid), keywords ? ['\\Seen', FILED_KEYWORD] : ['\\Seen'], { uid: true }))) {
    throw new Error(`UID ${uid} could not be flagged`);
  }
  if (mailbox.after_filing === 'move' && mailbox.move_to) {
    const moved = await client.messageMove(String(uid), mailbox.move_to, { uid: true });
    if (!moved) throw new Error(`UID ${uid} could not be moved to ${mailbox.move_to}`);
  }
}
