import { isIP } from 'node:net';
import type { ConnectionOptions } from 'node:tls';
import { type Change, Client, type Entry, type SearchOptions } from 'ldapts';
import type { Logger } from 'pino';
import type { LdapConnectionSettings } from './ldap-config.js';
import type { LdapDialect } from './ldap-dialect.js';
import { DirectoryError } from './directory-errors.js';
import { translateLdapError } from './ldap-errors.js';

/** The logger a connector writes to; DNs and attribute names only, never values. */
export type DirectoryLog = Pick<Logger, 'debug' | 'info' | 'warn'>;

/** Everything an LDAP use case needs: settings, the dialect and where to log. */
export interface LdapContext {
  settings: LdapConnectionSettings;
  dialect: LdapDialect;
  log: DirectoryLog | null;
  now(): number;
}

/** A bound connection; every call throws typed, scrubbed DirectoryErrors. */
export interface LdapSession {
  search(base: string, options: SearchOptions): Promise<Entry[]>;
  searchPages(base: string, options: SearchOptions, pageSize: number): AsyncGenerator<Entry[]>;
  /** Sends a write. A lost reply becomes DirectoryOutcomeUnknownError: it may have been applied. */
  modify(dn: string, changes: Change[]): Promise<void>;
  exop(oid: string, value: Buffer, dn: string): Promise<void>;
}

/**
 * Runs `work` on a fresh bound connection and unbinds after. One connection per use: nothing
 * stale is reused after a directory restart, and a write's DN is resolved on the same
 * connection right before it is sent. `secrets` are extra values (a new password) that must
 * never appear in an error.
 */
export async function withLdapSession<T>(
  ctx: LdapContext,
  work: (session: LdapSession) => Promise<T>,
  secrets: readonly string[] = [],
): Promise<T> {
  const opened = await openLdapSession(ctx, secrets);
  try {
    return await work(opened.session);
  } catch (error) {
    // Typed errors were logged where they arose (or are a use case's own answer, like not found).
    if (error instanceof DirectoryError) throw error;
    throw translateLdapError(error, 'read', `directory work on ${ctx.settings.url}`, opened.secrets);
  } finally {
    await opened.close();
  }
}

/** Connects (StartTLS when configured) and binds the service account; the caller closes. */
export async function openLdapSession(
  ctx: LdapContext,
  secrets: readonly string[] = [],
): Promise<{ session: LdapSession; secrets: readonly string[]; close(): Promise<void> }> {
  const { settings, log } = ctx;
  const allSecrets = [settings.bindPassword.reveal(), ...secrets];
  const tlsOptions = tlsOptionsFor(settings);
  const client = new Client({
    url: settings.url,
    timeout: settings.timeouts.operationMs,
    connectTimeout: settings.timeouts.connectMs,
    tlsOptions: settings.transport === 'ldaps' ? tlsOptions : undefined,
  });
  const fail = (error: unknown, phase: 'connect' | 'bind' | 'read' | 'write', what: string) => {
    const translated = translateLdapError(error, phase, what, allSecrets);
    log?.warn({ directory: settings.url, kind: translated.kind, phase }, translated.message);
    return translated;
  };
  const close = () => client.unbind().catch(() => undefined);
  try {
    if (settings.transport === 'starttls') {
      await client.startTLS(tlsOptions).catch((error: unknown) => {
        throw fail(error, 'connect', `StartTLS with ${settings.url}`);
      });
    }
    await client.bind(settings.bindDn, settings.bindPassword.reveal()).catch((error: unknown) => {
      throw fail(error, 'bind', `bind as ${settings.bindDn} at ${settings.url}`);
    });
  } catch (error) {
    await close();
    throw error;
  }
  log?.debug({ directory: settings.url, bindDn: settings.bindDn, transport: settings.transport }, 'directory session bound');
  const session: LdapSession = {
    async search(base, options) {
      try {
        return (await client.search(base, { ...options, explicitBufferAttributes: [...ctx.dialect.binaryAttributes] })).searchEntries;
      } catch (error) {
        throw fail(error, 'read', `search under ${base}`);
      }
    },
    async *searchPages(base, options, pageSize) {
      try {
        const pages = client.searchPaginated(base, {
          ...options,
          explicitBufferAttributes: [...ctx.dialect.binaryAttributes],
          paged: { pageSize },
        });
        for await (const page of pages) yield page.searchEntries;
      } catch (error) {
        throw fail(error, 'read', `paged search under ${base}`);
      }
    },
    async modify(dn, changes) {
      const attributes = changes.map((c) => `${c.operation}:${c.modification.type}`);
      log?.info({ directory: settings.url, dn, attributes }, 'directory modify');
      try {
        await client.modify(dn, changes);
      } catch (error) {
        throw fail(error, 'write', `modify ${dn} (${attributes.join(', ')})`);
      }
    },
    async exop(oid, value, dn) {
      log?.info({ directory: settings.url, dn, oid }, 'directory extended operation');
      try {
        await client.exop(oid, value);
      } catch (error) {
        throw fail(error, 'write', `extended operation ${oid} on ${dn}`);
      }
    },
  };
  return { session, secrets: allSecrets, close };
}

function tlsOptionsFor(settings: LdapConnectionSettings): ConnectionOptions {
  const host = new URL(settings.url).hostname.replace(/^\[|\]$/g, '');
  return {
    host,
    // SNI cannot carry an address; the certificate is then checked against the address itself.
    servername: settings.tlsServerName ?? (isIP(host) ? undefined : host),
    ca: settings.caCertificate ? [settings.caCertificate] : undefined,
    minVersion: 'TLSv1.2',
  };
}
