import { type Kysely, sql } from 'kysely';
import { isPostgres, withId } from './schema-helpers.js';

// Timestamps are epoch milliseconds (bigint) in both dialects: see docs/decisions/0003.

export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('users').ifNotExists())
    .addColumn('email', 'varchar(254)', (c) => c.notNull().unique())
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('role', 'varchar(20)', (c) => c.notNull())
    .addColumn('password_hash', 'text')
    .addColumn('phone', 'varchar(50)')
    .addColumn('disabled_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('groups').ifNotExists())
    .addColumn('name', 'varchar(100)', (c) => c.notNull().unique())
    .addColumn('tier', 'integer', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('group_members')
    .ifNotExists()
    .addColumn('group_id', 'integer', (c) => c.notNull().references('groups.id'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addPrimaryKeyConstraint('group_members_pk', ['group_id', 'user_id'])
    .execute();
  await db.schema.createIndex('group_members_user').ifNotExists().on('group_members').column('user_id').execute();

  await db.schema
    .createTable('sessions')
    .ifNotExists()
    .addColumn('id_hash', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('csrf_token', 'varchar(64)', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_user').ifNotExists().on('sessions').column('user_id').execute();

  await db.schema
    .createTable('login_throttle')
    .ifNotExists()
    .addColumn('key', 'varchar(300)', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('window_started_at', 'bigint', (c) => c.notNull())
    .addColumn('locked_until', 'bigint')
    .execute();

  await withId(db, db.schema.createTable('api_tokens').ifNotExists())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('token_hash', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('scopes', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('last_used_at', 'bigint')
    .addColumn('revoked_at', 'bigint')
    .execute();

  await db.schema
    .createTable('setup_tokens')
    .ifNotExists()
    .addColumn('token_hash', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('used_at', 'bigint')
    .execute();

  await db.schema
    .createTable('settings')
    .ifNotExists()
    .addColumn('key', 'varchar(100)', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('counters')
    .ifNotExists()
    .addColumn('name', 'varchar(50)', (c) => c.primaryKey())
    .addColumn('value', 'bigint', (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('tickets').ifNotExists())
    .addColumn('number', 'varchar(20)', (c) => c.notNull().unique())
    .addColumn('type', 'varchar(20)', (c) => c.notNull())
    .addColumn('subject', 'varchar(200)', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('is_open', 'integer', (c) => c.notNull())
    .addColumn('pending_reason', 'varchar(20)')
    .addColumn('impact', 'integer', (c) => c.notNull())
    .addColumn('urgency', 'integer', (c) => c.notNull())
    .addColumn('priority', 'integer', (c) => c.notNull())
    .addColumn('priority_override', 'integer')
    .addColumn('priority_override_reason', 'text')
    .addColumn('category', 'varchar(100)')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('channel', 'varchar(20)', (c) => c.notNull())
    .addColumn('requester_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('created_by_id', 'integer', (c) => c.references('users.id'))
    .addColumn('group_id', 'integer', (c) => c.notNull().references('groups.id'))
    .addColumn('assignee_id', 'integer', (c) => c.references('users.id'))
    .addColumn('accepted_at', 'bigint')
    .addColumn('accepted_by_id', 'integer', (c) => c.references('users.id'))
    .addColumn('acknowledged_at', 'bigint')
    .addColumn('restatement', 'text')
    .addColumn('next_update_at', 'bigint')
    .addColumn('restored_at', 'bigint')
    .addColumn('workaround', 'text')
    .addColumn('resolved_at', 'bigint')
    .addColumn('symptom', 'text')
    .addColumn('cause', 'text')
    .addColumn('resolution', 'text')
    .addColumn('closed_at', 'bigint')
    .addColumn('confirmed_at', 'bigint')
    .addColumn('auto_close_at', 'bigint')
    .addColumn('reopen_count', 'integer', (c) => c.notNull())
    .addColumn('due_at', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  // The queue reads these in order: one index per common filter, each ending in the sort key.
  const queueIndexes: [string, string[]][] = [
    ['tickets_queue', ['is_open', 'priority', 'due_at', 'id']],
    ['tickets_queue_group', ['group_id', 'is_open', 'priority', 'due_at', 'id']],
    ['tickets_queue_assignee', ['assignee_id', 'is_open', 'priority', 'due_at', 'id']],
    ['tickets_queue_status', ['status', 'priority', 'due_at', 'id']],
    ['tickets_requester', ['requester_id', 'id']],
    ['tickets_auto_close', ['status', 'auto_close_at']],
  ];
  for (const [name, columns] of queueIndexes) {
    await db.schema.createIndex(name).ifNotExists().on('tickets').columns(columns).execute();
  }

  await withId(db, db.schema.createTable('ticket_events').ifNotExists())
    .addColumn('ticket_id', 'integer', (c) => c.notNull().references('tickets.id'))
    .addColumn('type', 'varchar(30)', (c) => c.notNull())
    .addColumn('visibility', 'varchar(10)', (c) => c.notNull())
    .addColumn('actor_id', 'integer', (c) => c.references('users.id'))
    .addColumn('body', 'text')
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ticket_events_ticket').ifNotExists().on('ticket_events').columns(['ticket_id', 'id']).execute();

  await db.schema
    .createTable('idempotency_keys')
    .ifNotExists()
    .addColumn('actor_id', 'integer', (c) => c.notNull())
    .addColumn('key', 'varchar(200)', (c) => c.notNull())
    .addColumn('request_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('ticket_id', 'integer', (c) => c.notNull().references('tickets.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('idempotency_keys_pk', ['actor_id', 'key'])
    .execute();

  // Full-text search: per ticket one public and one internal document; see modules/search.
  if (isPostgres(db)) {
    await sql`CREATE TABLE IF NOT EXISTS ticket_search (
      ticket_id integer NOT NULL REFERENCES tickets(id),
      visibility varchar(10) NOT NULL,
      tsv tsvector NOT NULL,
      PRIMARY KEY (ticket_id, visibility)
    )`.execute(db);
    await sql`CREATE INDEX IF NOT EXISTS ticket_search_tsv ON ticket_search USING gin (tsv)`.execute(db);
  } else {
    // rowid = ticket id * 2 (+1 for internal notes), so matches come out in ticket order.
    await sql`CREATE VIRTUAL TABLE IF NOT EXISTS ticket_search USING fts5(body, tokenize = 'porter unicode61')`.execute(db);
  }
}
