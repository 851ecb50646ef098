import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { createDb, queryRows } from '../../db/client.ts';
import { DatabaseInUseError } from '../../db/pglite-lock.ts';
import { units } from '../../db/schema.ts';
import { drivers, openTestDb } from '../helpers/db.ts';

describe.each(drivers)('createDb on %s', (driver) => {
  it('migrates, stores bigint money above 2^31 and reads rows through queryRows', async () => {
    const handle = await openTestDb(driver);
    try {
      await handle.db.insert(units).values({ code: 'P', name: 'Tỉnh', kind: 'province' });
      const rows = await queryRows<{ n: number; big: string }>(
        handle.db,
        sql`select count(*)::int as n, (3000000000::bigint * 2)::text as big from units`,
      );
      expect(rows).toEqual([{ n: 1, big: '6000000000' }]);
    } finally {
      await handle.close();
    }
  });
});

describe('PGlite directory lock', () => {
  const dir = mkdtempSync(join(tmpdir(), 'thads-lock-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a second opener with a clear message, and reopens after close', async () => {
    const path = join(dir, 'db');
    const first = await createDb({ pgliteDir: path });
    expect(first.isNew).toBe(true);
    await expect(createDb({ pgliteDir: path })).rejects.toThrow(/already open by this process.*DATABASE_URL/s);
    await first.close();
    const again = await createDb({ pgliteDir: path });
    expect(again.isNew).toBe(false);
    await again.close();
  });

  it('opens a directory given through a symlink, and the lock sees one directory under both names', async () => {
    const real = join(dir, 'real');
    const seed = await createDb({ pgliteDir: real });
    await seed.close();
    const link = join(dir, 'link');
    symlinkSync(real, link);
    const viaLink = await createDb({ pgliteDir: link });
    expect(viaLink.isNew).toBe(false);
    await expect(createDb({ pgliteDir: real })).rejects.toThrow(DatabaseInUseError);
    await viaLink.close();
    // A link to a directory not made yet: the database is made where the link points.
    const later = join(dir, 'later');
    symlinkSync(later, join(dir, 'later-link'));
    const fresh = await createDb({ pgliteDir: join(dir, 'later-link') });
    expect(fresh.isNew).toBe(true);
    await expect(createDb({ pgliteDir: later })).rejects.toThrow(DatabaseInUseError);
    await fresh.close();
    expect(existsSync(join(later, 'PG_VERSION'))).toBe(true);
  });
});
