import SQLite from 'better-sqlite3';
import { sqliteDocId } from '../modules/search/index-text.js';
import type { TicketSink } from './seed-bulk.js';
import type { SeedTicket } from './ticket-factory.js';

/**
 * Writes tickets, their 'created' events and their public search documents
 * (FTS5 rowid = ticket id * 2, as indexTicketText does) straight into the
 * SQLite file, one transaction per batch. Runs before the server starts.
 */
export async function seedSqliteTickets(file: string, sink: TicketSink): Promise<void> {
  const db = new SQLite(file);
  try {
    // Only this process touches the file now; durability is restored when the server opens it.
    db.pragma('synchronous = OFF');
    db.pragma('cache_size = -1048576');
    db.pragma('temp_store = MEMORY');
    const insertTicket = prepareTicketInsert(db);
    const insertEvent = db.prepare(
      `INSERT INTO ticket_events (ticket_id, type, visibility, actor_id, body, data, created_at)
       VALUES (?, 'created', 'public', ?, NULL, ?, ?)`,
    );
    const insertDocument = db.prepare('INSERT INTO ticket_search (rowid, body) VALUES (?, ?)');
    const writeBatch = db.transaction((tickets: SeedTicket[]) => {
      for (const t of tickets) {
        insertTicket.run(t.row);
        insertEvent.run(t.row.id, t.event.actorId, t.event.data, t.event.createdAt);
        insertDocument.run(sqliteDocId(t.row.id, 'public'), t.searchText);
      }
    });
    const started = performance.now();
    for (let first = 1; first <= sink.total; first += sink.batchSize) {
      const last = Math.min(sink.total, first + sink.batchSize - 1);
      const batch: SeedTicket[] = [];
      for (let id = first; id <= last; id++) batch.push(sink.factory.make(id));
      writeBatch(batch);
      const seconds = (performance.now() - started) / 1000;
      sink.log(`sqlite: ${last}/${sink.total} tickets (${Math.round(last / seconds)}/s)`);
    }
    const setCounter = db.prepare(
      'INSERT INTO counters (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value',
    );
    setCounter.run('ticket:incident', sink.factory.incidentSeq);
    setCounter.run('ticket:service_request', sink.factory.requestSeq);
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
}

function prepareTicketInsert(db: SQLite.Database) {
  const columns = db
    .prepare("SELECT name FROM pragma_table_info('tickets') ORDER BY cid")
    .all()
    .map((c) => (c as { name: string }).name);
  const statement = db.prepare(`INSERT INTO tickets (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`);
  return {
    // Every column is named, so a schema change that the factory does not know about fails loudly here.
    run: (row: SeedTicket['row']) => statement.run(row),
  };
}
