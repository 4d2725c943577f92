import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import type { ApiClient } from './http-load.js';

/** What the desk holds after the mail run, counted in its database. */
export interface DeskContents {
  tickets: number;
  emailTickets: number;
  publicReplies: number;
  internalNotes: number;
  requesters: number;
  /** Inbound mail_messages rows by status: ticket-created, comment-added, ignored, held, received. */
  inboundByStatus: Record<string, number>;
  quarantined: number;
}

const QUERIES = {
  tickets: 'SELECT count(*) AS n FROM tickets',
  emailTickets: "SELECT count(*) AS n FROM tickets WHERE channel = 'email'",
  publicReplies: "SELECT count(*) AS n FROM ticket_events WHERE type = 'public_reply'",
  internalNotes: "SELECT count(*) AS n FROM ticket_events WHERE type = 'internal_note'",
  requesters: "SELECT count(*) AS n FROM users WHERE role = 'requester'",
  quarantined: 'SELECT count(*) AS n FROM mail_quarantine',
} as const;
const INBOUND_BY_STATUS = "SELECT status, count(*) AS n FROM mail_messages WHERE direction = 'in' GROUP BY status";

/** Counts straight from the database (the SQLite file in `dataDir`, or `databaseUrl`), not through the code under test. */
export async function countDeskContents(dataDir: string, databaseUrl: string | undefined): Promise<DeskContents> {
  const scalar: Record<string, number> = {};
  const inboundByStatus: Record<string, number> = {};
  if (databaseUrl) {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      for (const [name, query] of Object.entries(QUERIES)) scalar[name] = Number((await client.query<{ n: string }>(query)).rows[0]!.n);
      for (const row of (await client.query<{ status: string; n: string }>(INBOUND_BY_STATUS)).rows) inboundByStatus[row.status] = Number(row.n);
    } finally {
      await client.end();
    }
  } else {
    const db = new SQLite(join(dataDir, 'deskside.sqlite'), { readonly: true });
    try {
      for (const [name, query] of Object.entries(QUERIES)) scalar[name] = (db.prepare(query).get() as { n: number }).n;
      for (const row of db.prepare(INBOUND_BY_STATUS).all() as { status: string; n: number }[]) inboundByStatus[row.status] = row.n;
    } finally {
      db.close();
    }
  }
  return {
    tickets: scalar.tickets!, emailTickets: scalar.emailTickets!, publicReplies: scalar.publicReplies!, internalNotes: scalar.internalNotes!,
    requesters: scalar.requesters!, quarantined: scalar.quarantined!, inboundByStatus,
  };
}

const ALL_STATUSES = 'new,acknowledged,in_progress,pending,restored,resolved,closed';

/** Tickets an agent sees through the API: every status, walked 100 a page to the end. */
export async function countTicketsThroughApi(client: ApiClient): Promise<number> {
  let cursor: string | null = null;
  let count = 0;
  do {
    const path: string = `/api/v1/tickets?status=${ALL_STATUSES}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const response = await client.pool.request({ path, method: 'GET', headers: { authorization: `Bearer ${client.token}` } });
    const text = await response.body.text();
    if (response.statusCode !== 200) throw new Error(`GET ${path} answered ${response.statusCode}: ${text.slice(0, 300)}`);
    const page = JSON.parse(text) as { items: unknown[]; nextCursor: string | null };
    count += page.items.length;
    cursor = page.nextCursor;
  } while (cursor);
  return count;
}
