import type { Db } from '../../src/db/connect.js';
import type { Database } from '../../src/db/types.js';

/** How many rows a table holds: to prove a refused request changed nothing. */
export async function countRows(db: Db, table: keyof Database): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The stored events of one ticket, oldest first, straight from the table. */
export function storedEvents(db: Db, ticketId: number) {
  return db.selectFrom('ticket_events').selectAll().where('ticket_id', '=', ticketId).orderBy('id').execute();
}
