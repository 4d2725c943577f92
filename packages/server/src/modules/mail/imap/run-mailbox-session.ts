import type { ImapFlow } from 'imapflow';
import type { MailMailboxRow } from '../../../db/types.js';
import { closeImapClient, describeImapError, imapClientFor } from './imap-connection.js';
import { findMailboxRow, mailboxAddresses, recordMailboxStatus, renewMailboxLease } from './mailboxes-repo.js';
import { pollMailbox, type PollDeps } from './poll-mailbox.js';

export interface SessionTimings {
  /** How long a claimed lease lasts without renewal; renewed every third of it. */
  leaseMs: number;
  /** Poll at least this often even if the server reports nothing (no IDLE, or a missed EXISTS). */
  pollMs: number;
  /** A session ends after this long and the mailbox is claimed afresh: IDLE in a bounded window. */
  sessionMs: number;
}

export interface SessionDeps extends Omit<PollDeps, 'signal'> {
  node: string;
  timings: SessionTimings;
}

/**
 * Polls one mailbox whose lease this node holds: log in, open the folder, file what is
 * there, then IDLE until the server reports new mail (or pollMs passes) and file again;
 * until stopped, the window ends, or the lease cannot be renewed (another node took it, an
 * admin changed, disabled or deleted the mailbox). A connection failure throws after it is
 * written to the mailbox's status.
 */
export async function runMailboxSession(claimed: MailMailboxRow, deps: SessionDeps, stop: AbortSignal): Promise<void> {
  const { db, now, timings } = deps;
  const ended = new AbortController();
  let pending = true;
  let wake: (() => void) | null = null;
  const nudge = () => {
    pending = true;
    wake?.();
  };
  const end = () => {
    ended.abort();
    wake?.();
  };
  stop.addEventListener('abort', end);
  const renewal = setInterval(() => {
    renewMailboxLease(db, claimed.id, deps.node, claimed.version, now() + timings.leaseMs).then(
      (kept) => (kept ? undefined : end()),
      (error: unknown) => deps.log.warn({ err: error, mailbox: claimed.address }, 'IMAP lease not renewed'),
    );
  }, Math.max(50, Math.floor(timings.leaseMs / 3)));
  const client = imapClientFor(claimed);
  let dropped = false;
  const onClose = () => {
    dropped = true;
    end();
  };
  client.on('exists', nudge);
  client.on('close', onClose);
  const deadline = now() + timings.sessionMs;
  try {
    await client.connect();
    if (claimed.after_filing === 'move' && claimed.move_to) await ensureFolder(client, claimed.move_to);
    await client.mailboxOpen(claimed.folder);
    // Every configured desk address threads, whichever mailbox the reply arrives in.
    const addresses = new Set([...deps.ingestDeps.mailboxAddresses, ...(await mailboxAddresses(db))]);
    const pollDeps: PollDeps = { ...deps, ingestDeps: { ...deps.ingestDeps, mailboxAddresses: [...addresses] }, signal: ended.signal };
    let current = claimed;
    while (!ended.signal.aborted && now() < deadline) {
      if (pending) {
        pending = false;
        await pollMailbox(client, current, pollDeps);
        const fresh = await findMailboxRow(db, claimed.id);
        if (!fresh || fresh.version !== claimed.version || fresh.enabled !== 1) break;
        current = fresh;
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          pending = true;
          resolve();
        }, Math.min(timings.pollMs, Math.max(0, deadline - now())));
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
        if (pending || ended.signal.aborted) wake();
      });
      wake = null;
    }
    if (dropped && !stop.aborted) throw new Error('the IMAP server closed the connection');
  } catch (error) {
    // A shutdown closes the connection under a running command; that is no failure of the mailbox.
    if (stop.aborted) return;
    await recordMailboxStatus(db, claimed.id, { now: now(), error: describeImapError(error, claimed) }).catch(() => undefined);
    throw error;
  } finally {
    clearInterval(renewal);
    stop.removeEventListener('abort', end);
    client.off('close', onClose);
    await closeImapClient(client);
  }
}

async function ensureFolder(client: ImapFlow, path: string): Promise<void> {
  const folders = await client.list();
  if (!folders.some((f) => f.path === path)) await client.mailboxCreate(path);
}
