import type { MailboxAfterFiling, MailboxTlsMode } from '@deskside/shared';
import { forbidden, invalid } from '../../../errors.js';
import { isAdmin, type Actor } from '../../identity/index.js';

/** Only admins see or change the mailboxes: they hold the credentials of a mail account. */
export function authorizeMailboxes(actor: Actor): void {
  if (!isAdmin(actor)) throw forbidden('Only admins see and manage the mailboxes the desk polls');
}

export interface MailboxSettings {
  host: string;
  tlsMode: MailboxTlsMode;
  allowInsecure: boolean;
  folder: string;
  afterFiling: MailboxAfterFiling;
  moveTo: string | null;
}

/** This machine: a plain connection to it never crosses a network. */
export function isLocalHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

/**
 * Rules across fields, checked on the merged settings (an update sends only what changed).
 * A plain connection would send the password in clear, so it is allowed to this machine,
 * or elsewhere only when an admin says so explicitly.
 */
export function checkMailboxSettings(s: MailboxSettings): void {
  if (s.tlsMode === 'none' && !isLocalHost(s.host) && !s.allowInsecure) {
    throw invalid('tlsMode', 'a connection without TLS sends the password in clear: use TLS or STARTTLS, or turn on allowInsecure for a host on a network you trust');
  }
  if (s.afterFiling === 'move' && !s.moveTo) throw invalid('moveTo', 'say which folder filed mail is moved to');
  if (s.afterFiling === 'move' && s.moveTo === s.folder) throw invalid('moveTo', 'must be another folder than the one polled');
}
