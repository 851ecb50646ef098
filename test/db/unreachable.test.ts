import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { createDb } from '../../db/client.ts';
import { claimUpdate } from '../../db/processed-updates.ts';
import { processedUpdates } from '../../db/schema.ts';
import { DatabaseUnavailableError, isDatabaseUnreachable } from '../../db/unreachable.ts';
import { drivers, openTestDb } from '../helpers/db.ts';

/** The error `run` fails with (drizzle's, wrapping the driver's as its cause). */
async function failureOf(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

describe('isDatabaseUnreachable, on the drivers’ own errors', () => {
  it('says yes for a closed PGlite and a PostgreSQL port nobody listens on', async () => {
    const closed = await createDb({ pgliteDir: 'memory://' });
    await closed.close();
    expect(isDatabaseUnreachable(await failureOf(() => closed.db.execute(sql`select 1`)))).toBe(true);
    const dead = await createDb({ databaseUrl: 'postgres://postgres@127.0.0.1:1/thads', pgliteDir: '', migrate: false });
    expect(isDatabaseUnreachable(await failureOf(() => dead.db.execute(sql`select 1`)))).toBe(true);
    await dead.close();
  });

  it.each(drivers)('says no for what the database refused (%s): bad text, a duplicate key', async (driver) => {
    const handle = await openTestDb(driver);
    try {
      expect(isDatabaseUnreachable(await failureOf(() => handle.db.execute(sql`select ${'a\0b'}::text`)))).toBe(false);
      const row = { platform: 'telegram' as const, updateId: '1' };
      await handle.db.insert(processedUpdates).values(row);
      expect(isDatabaseUnreachable(await failureOf(() => handle.db.insert(processedUpdates).values(row)))).toBe(false);
    } finally {
      await handle.close();
    }
  });

  // Found by test/faults/database-cut.test.ts: the claim failed with 55000 and the update got the
  // apology and a 200, so Telegram never resent it.
  it.each(drivers.filter((d) => d === 'postgres'))('says yes for a %s database refusing connections (allow_connections false): the claim is a 503', async (driver) => {
    const handle = await openTestDb(driver);
    const name = new URL(handle.url!).pathname.slice(1);
    const other = await createDb({ databaseUrl: handle.url!, pgliteDir: '', migrate: false });
    // A database cannot refuse connections to itself: asked from the server's first database.
    const admin = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
    try {
      await admin.unsafe(`alter database ${name} allow_connections false`);
      const refused = await failureOf(() => claimUpdate(other.db, 'telegram', '1'));
      expect(refused).toBeInstanceOf(DatabaseUnavailableError);
    } finally {
      await admin.unsafe(`alter database ${name} allow_connections true`);
      await admin.end({ timeout: 5 });
      await other.close();
      await handle.close();
    }
  });

  it('reads postgres.js’s and PostgreSQL’s codes through the causes, and nothing else', () => {
    const coded = (code: string) => Object.assign(new Error('x'), { code });
    const wrapped = (cause: unknown) => new Error('Failed query', { cause });
    for (const code of ['CONNECTION_CLOSED', 'CONNECT_TIMEOUT', 'ECONNRESET', '08006', '57P01', '53300']) {
      expect(isDatabaseUnreachable(wrapped(coded(code))), code).toBe(true);
    }
    expect(isDatabaseUnreachable(new DatabaseUnavailableError(coded('ECONNREFUSED')))).toBe(true);
    // 55000 only as PostgreSQL's refusal of a connection, not for the class's other failures.
    const refusing = Object.assign(new Error('database "thads" is not currently accepting connections'), { code: '55000' });
    expect(isDatabaseUnreachable(wrapped(refusing))).toBe(true);
    expect(isDatabaseUnreachable(wrapped(Object.assign(new Error('cannot refresh materialized view concurrently'), { code: '55000' })))).toBe(false);
    for (const code of ['22021', '23505', '40001', 'ERR_INVALID_ARG_TYPE']) expect(isDatabaseUnreachable(wrapped(coded(code))), code).toBe(false);
    expect(isDatabaseUnreachable(new TypeError("Cannot read properties of undefined (reading 'trim')"))).toBe(false);
    expect(isDatabaseUnreachable('ECONNREFUSED')).toBe(false);
  });
});
