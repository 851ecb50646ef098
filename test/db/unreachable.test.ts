import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createDb } from '../../db/client.ts';
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

  it('reads postgres.js’s and PostgreSQL’s codes through the causes, and nothing else', () => {
    const coded = (code: string) => Object.assign(new Error('x'), { code });
    const wrapped = (cause: unknown) => new Error('Failed query', { cause });
    for (const code of ['CONNECTION_CLOSED', 'CONNECT_TIMEOUT', 'ECONNRESET', '08006', '57P01', '53300']) {
      expect(isDatabaseUnreachable(wrapped(coded(code))), code).toBe(true);
    }
    expect(isDatabaseUnreachable(new DatabaseUnavailableError(coded('ECONNREFUSED')))).toBe(true);
    for (const code of ['22021', '23505', '40001', 'ERR_INVALID_ARG_TYPE']) expect(isDatabaseUnreachable(wrapped(coded(code))), code).toBe(false);
    expect(isDatabaseUnreachable(new TypeError("Cannot read properties of undefined (reading 'trim')"))).toBe(false);
    expect(isDatabaseUnreachable('ECONNREFUSED')).toBe(false);
  });
});
