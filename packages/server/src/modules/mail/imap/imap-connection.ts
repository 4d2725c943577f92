import { ImapFlow } from 'imapflow';
import type { MailMailboxRow } from '../../../db/types.js';

export type ImapSettings = Pick<MailMailboxRow, 'host' | 'port' | 'tls_mode' | 'username' | 'password'>;

/**
 * An IMAP client for a mailbox's settings. STARTTLS is required, not opportunistic, when
 * chosen: the capability list that offers it arrives in clear and can be stripped. The
 * client's own logger is off, because it would write protocol lines near the credentials.
 */
export function imapClientFor(settings: ImapSettings, timeouts: { connectMs?: number; socketMs?: number } = {}): ImapFlow {
  const client = new ImapFlow({
    host: settings.host.replace(/^\[|\]$/g, ''),
    port: settings.port,
    secure: settings.tls_mode === 'tls',
    doSTARTTLS: settings.tls_mode === 'starttls' ? true : settings.tls_mode === 'none' ? false : undefined,
    auth: { user: settings.username, pass: settings.password },
    logger: false,
    clientInfo: { name: 'Deskside' },
    connectionTimeout: timeouts.connectMs ?? 15_000,
    greetingTimeout: timeouts.connectMs ?? 15_000,
    socketTimeout: timeouts.socketMs ?? 5 * 60_000,
    // A session IDLEs as soon as it waits; servers without IDLE are asked with NOOP.
    autoIdleDelay: 500,
  });
  // An unhandled 'error' event would end the process; the awaited calls report the same failure.
  client.on('error', () => undefined);
  return client;
}

/** An IMAP failure in words an admin can act on, with the password scrubbed out in case a server echoes it. */
export function describeImapError(error: unknown, settings: ImapSettings): string {
  const e = (error ?? {}) as { message?: unknown; code?: unknown; authenticationFailed?: unknown; responseText?: unknown; serverResponseCode?: unknown };
  const code = typeof e.code === 'string' ? e.code : '';
  const where = `${settings.host}:${settings.port}`;
  let text: string;
  if (e.authenticationFailed === true || code === 'AUTHENTICATIONFAILED') text = 'authentication failed: check the username and password';
  else if (code === 'ECONNREFUSED') text = `connection refused by ${where}`;
  else if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') text = `no such host: ${settings.host}`;
  else if (code === 'ETIMEDOUT' || code === 'CONNECT_TIMEOUT' || code === 'GREETING_TIMEOUT') text = `no answer from ${where} in time`;
  else if (code.startsWith('ERR_SSL') || /certificate|self[- ]signed|SSL|TLS/i.test(String(e.message))) text = `TLS failed with ${where}: ${String(e.message)}`;
  else if (typeof e.responseText === 'string' && e.responseText !== '') text = `the server said: ${e.responseText}`;
  else text = typeof e.message === 'string' && e.message !== '' ? e.message : String(error);
  return settings.password ? text.split(settings.password).join('***') : text;
}

/** Closes a client politely if it is still up, at once otherwise; never throws. */
export async function closeImapClient(client: ImapFlow): Promise<void> {
  if (!client.usable) {
    client.close();
    return;
  }
  await Promise.race([client.logout().catch(() => undefined), new Promise((r) => setTimeout(r, 3000).unref())]);
  client.close();
}
