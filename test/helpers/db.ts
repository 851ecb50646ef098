import { randomBytes } from 'node:crypto';
import { PgliteDatabase } from 'drizzle-orm/pglite';
import postgres from 'postgres';
import { createDb, type Db, type DbHandle } from '../../db/client.ts';
import { createResultCache, type ResultCache } from '../../db/result-cache.ts';

export type Driver = 'pglite' | 'postgres';

/** PGlite always; PostgreSQL too where DATABASE_URL names a server. */
export const drivers: Driver[] = process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

export interface TestDb extends DbHandle {
  url?: string;
}

/** A fresh, migrated database: PGlite in memory, or a throwaway PostgreSQL database dropped on close. */
export async function openTestDb(driver: Driver): Promise<TestDb> {
  if (driver === 'pglite') return createDb({ pgliteDir: 'memory://' });
  const adminUrl = process.env.DATABASE_URL!;
  const name = `thads_test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = await createDb({ databaseUrl: url.toString(), pgliteDir: '' });
  return {
    ...handle,
    url: url.toString(),
    close: async () => {
      await handle.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end({ timeout: 5 });
    },
  };
}

/** A result cache for `db` as the server makes one (server/deps.ts): keeping on PGlite only. */
export function createTestCache(db: Db): ResultCache {
  return createResultCache({ keep: db instanceof PgliteDatabase });
}
