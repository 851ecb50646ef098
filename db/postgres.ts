/**
 * PostgreSQL through postgres.js, nothing else: no PGlite, no file system, so that Workers can
 * bundle it. db/client.ts (Node) adds migrations and PGlite around it.
 */
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import type { Db } from './rows.ts';
import * as schema from './schema.ts';

export type PostgresOptions = postgres.Options<Record<string, never>>;

/** A postgres.js client with the settings every connection of ours takes. */
export function connectPostgres(url: string | undefined, more: PostgresOptions): postgres.Sql {
  // JIT compiles for tens of milliseconds to save less on queries of this size; and named
  // prepared statements drift to generic plans that misjudge `unit_id = any(…)`: both off.
  const options = { onnotice: () => {}, connection: { jit: 'off' }, prepare: false, ...more };
  return url ? postgres(url, options) : postgres(options);
}

/** drizzle over a postgres.js client. */
export function drizzlePostgres(client: postgres.Sql): Db {
  return drizzle(client, { schema }) as unknown as Db;
}

/**
 * One request's database on Workers: a single connection (Hyperdrive pools them), no type
 * lookup on connect (one round trip less, and our queries need no custom types). Never ended:
 * `sql.end()` on workerd leaves a "Stream was cancelled" rejection (porsager/postgres#1202);
 * the runtime closes the socket with the request.
 */
export function openRequestDb(url: string): Db {
  return drizzlePostgres(connectPostgres(url, { max: 1, fetch_types: false }));
}
