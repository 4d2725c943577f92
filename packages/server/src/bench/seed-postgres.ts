import pg from 'pg';
import { searchableWords } from '../modules/search/index-text.js';
import type { TicketSink } from './seed-bulk.js';
import type { SeedTicket } from './ticket-factory.js';

/**
 * Writes tickets, their 'created' events and their public search documents
 * (to_tsvector('english', searchableWords(text)), as indexTicketText does) with one multi-row
 * INSERT ... SELECT FROM unnest(...) per table and batch. Runs before the server starts.
 */
export async function seedPostgresTickets(databaseUrl: string, sink: TicketSink): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const columns = await ticketColumns(client);
    const insertTickets = `INSERT INTO tickets (${columns.map((c) => c.name).join(', ')})
      SELECT * FROM unnest(${columns.map((c, i) => `$${i + 1}::${c.type}[]`).join(', ')})`;
    const started = performance.now();
    for (let first = 1; first <= sink.total; first += sink.batchSize) {
      const last = Math.min(sink.total, first + sink.batchSize - 1);
      const batch: SeedTicket[] = [];
      for (let id = first; id <= last; id++) batch.push(sink.factory.make(id));
      await client.query('BEGIN');
      // A lost batch on a crash only means re-running the benchmark.
      await client.query('SET LOCAL synchronous_commit = off');
      await client.query(insertTickets, columns.map((c) => batch.map((t) => t.row[c.name as keyof SeedTicket['row']] ?? null)));
      await client.query(
        `INSERT INTO ticket_events (ticket_id, type, visibility, actor_id, body, data, created_at)
         SELECT id, 'created', 'public', actor, NULL, data, at FROM unnest($1::int[], $2::int[], $3::text[], $4::bigint[]) AS e(id, actor, data, at)`,
        [batch.map((t) => t.row.id), batch.map((t) => t.event.actorId), batch.map((t) => t.event.data), batch.map((t) => t.event.createdAt)],
      );
      await client.query(
        `INSERT INTO ticket_search (ticket_id, visibility, tsv)
         SELECT id, 'public', to_tsvector('english', body) FROM unnest($1::int[], $2::text[]) AS d(id, body)`,
        [batch.map((t) => t.row.id), batch.map((t) => searchableWords(t.searchText))],
      );
      await client.query('COMMIT');
      const seconds = (performance.now() - started) / 1000;
      if (last % 50_000 === 0 || last === sink.total) sink.log(`postgres: ${last}/${sink.total} tickets (${Math.round(last / seconds)}/s)`);
    }
    // Rows were written with explicit ids: move the sequences past them so the app's inserts continue.
    for (const table of ['tickets', 'ticket_events']) {
      await client.query(`SELECT setval(pg_get_serial_sequence('${table}', 'id'), (SELECT max(id) FROM ${table}))`);
    }
    await client.query(
      `INSERT INTO counters (name, value) VALUES ('ticket:incident', $1), ('ticket:service_request', $2)
       ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value`,
      [sink.factory.incidentSeq, sink.factory.requestSeq],
    );
    // PostgreSQL numbers new tickets from these sequences (decision 0014).
    await client.query(`SELECT setval('ticket_number_incident', greatest($1::bigint, 1), $1 > 0), setval('ticket_number_service_request', greatest($2::bigint, 1), $2 > 0)`, [
      sink.factory.incidentSeq,
      sink.factory.requestSeq,
    ]);
    // Autovacuum would analyze a table this fresh within minutes; do it now so plans are settled before measuring.
    sink.log('postgres: VACUUM ANALYZE');
    await client.query('VACUUM ANALYZE');
  } finally {
    await client.end();
  }
}

async function ticketColumns(client: pg.Client): Promise<{ name: string; type: string }[]> {
  const result = await client.query<{ name: string; type: string }>(
    `SELECT column_name AS name, udt_name AS type FROM information_schema.columns
     WHERE table_schema = current_schema() AND table_name = 'tickets' ORDER BY ordinal_position`,
  );
  return result.rows;
}
