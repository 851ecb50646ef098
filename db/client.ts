import { fileURLToPath } from 'node:url';
import type { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import { connectPostgres, drizzlePostgres } from './postgres.ts';
import { resolvePgliteDir, toOpenError } from './pglite-dir.ts';
import { acquirePgliteLock, DatabaseInUseError } from './pglite-lock.ts';
import { openPgliteClient } from './pglite-open.ts';
import { readServerRecord } from './pglite-server-record.ts';
import { type PgliteShare, sharePglite } from './pglite-share.ts';
import type { ChangeSink } from './result-cache.ts';
import { type Db, queryRows } from './rows.ts';
import * as schema from './schema.ts';

// Where they were before db/rows.ts: the Node code and the tests keep importing them from here.
export { type Db, queryRows };

export interface DbHandle {
  db: Db;
  driver: 'pglite' | 'postgres';
  /** True when this start found no migrations applied yet: a brand-new database. */
  isNew: boolean;
  close(): Promise<void>;
  /**
   * PGlite on disk only: serve it to local clients (the CLI, the console) through a socket beside
   * its directory until close (db/pglite-share.ts). `changes` hears of every client's writes.
   */
  shareWithLocalClients?(changes: ChangeSink): Promise<PgliteShare>;
  /** Set when this handle reaches a PGlite directory through the running server that holds it. */
  viaServer?: { pid: number; socket: string };
}

export interface DbOptions {
  databaseUrl?: string;
  pgliteDir: string;
  /** Apply migrations on open (default true). */
  migrate?: boolean;
  /** Pool size for PostgreSQL (default 10). */
  maxConnections?: number;
  /**
   * When another process holds the PGlite directory and serves it (`<dir>.server.json`), connect
   * through its socket instead of being refused: for the CLI and the console, never a server.
   */
  throughRunningServer?: boolean;
}

const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));
// Any constant shared by every instance of this app; it names "thads-bot migrations".
const MIGRATION_LOCK_KEY = 747_268_001;

/** Opens the database named by the config: PGlite by default, PostgreSQL with a URL. */
export async function createDb(options: DbOptions): Promise<DbHandle> {
  return options.databaseUrl ? openPostgres(options.databaseUrl, options) : openPglite(options.pgliteDir, options);
}

async function openPglite(given: string, options: DbOptions): Promise<DbHandle> {
  const inMemory = given.startsWith('memory://');
  const dir = inMemory ? given : resolvePgliteDir(given);
  let release: () => void;
  try {
    release = inMemory ? () => {} : acquirePgliteLock(dir);
  } catch (error) {
    const shared = options.throughRunningServer && error instanceof DatabaseInUseError ? await openThroughServer(dir, error.pid) : undefined;
    if (shared) return shared;
    throw error;
  }
  let client: PGlite | undefined;
  try {
    client = await openPgliteClient(inMemory ? undefined : dir);
    const db = drizzlePglite(client, { schema }) as unknown as Db;
    const isNew = !(await hasMigrations(db));
    if (options.migrate !== false) await migratePglite(db as never, { migrationsFolder });
    const opened = client;
    let share: PgliteShare | undefined;
    return {
      db,
      driver: 'pglite',
      isNew,
      close: async () => {
        // Clients first: a client's transaction is rolled back before PGlite closes.
        await share?.stop();
        await opened.close();
        release();
      },
      shareWithLocalClients: inMemory
        ? undefined
        : async (changes) => {
            share ??= await sharePglite(opened, dir, { changes });
            return share;
          },
    };
  } catch (error) {
    await client?.close().catch(() => {});
    release();
    throw toOpenError(given, error);
  }
}

async function openPostgres(url: string, options: DbOptions): Promise<DbHandle> {
  if (options.migrate !== false) await migrateUnderLock(url);
  const client = connectPostgres(url, { max: options.maxConnections ?? 10 });
  const db = drizzlePostgres(client);
  return { db, driver: 'postgres', isNew: false, close: () => client.end({ timeout: 5 }) };
}

/**
 * The PostgreSQL driver's path to a PGlite that a live server holds and serves: the record must
 * be that server's (the lock's owner), and its socket must answer; a stale one is ignored (the
 * caller is refused as before). One connection: the server serialises its clients anyway.
 * No migrations: the server applied them when it opened the directory.
 */
async function openThroughServer(dir: string, owner: number): Promise<DbHandle | undefined> {
  const record = readServerRecord(dir);
  if (!record || record.pid !== owner) return undefined;
  const client = connectPostgres(undefined, { path: record.socket, max: 1, user: 'postgres', database: 'postgres' });
  try {
    await client`select 1`;
  } catch (error) {
    await client.end({ timeout: 1 }).catch(() => {});
    const code = (error as { code?: unknown }).code;
    if (code === 'ECONNREFUSED' || code === 'ENOENT') return undefined;
    throw error;
  }
  const db = drizzlePostgres(client);
  return { db, driver: 'postgres', isNew: false, viaServer: record, close: () => client.end({ timeout: 5 }) };
}

/** drizzle's migrate() takes no lock; two instances starting together would race without one. */
async function migrateUnderLock(url: string): Promise<void> {
  const client = connectPostgres(url, { max: 1 });
  try {
    await client`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
    try {
      await migratePostgres(drizzlePostgres(client) as never, { migrationsFolder });
    } finally {
      await client`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`;
    }
  } finally {
    await client.end({ timeout: 5 });
  }
}

async function hasMigrations(db: Db): Promise<boolean> {
  const rows = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from information_schema.tables
        where table_schema = 'drizzle' and table_name = '__drizzle_migrations'`,
  );
  return (rows[0]?.n ?? 0) > 0;
}
