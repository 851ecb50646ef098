import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { units } from '../../db/schema.ts';
import { seedDemoIfWanted } from '../../server/demo-seed.ts';
import { createTestDeps } from '../helpers/app-deps.ts';
import { drivers, openTestDb, type TestDb } from '../helpers/db.ts';

// The refusals first; the load itself is also exercised end to end by node.test.ts.
describe.each(drivers)('SEED_DEMO on %s: when the demo is not loaded', (driver) => {
  let handle: TestDb;
  beforeAll(async () => {
    handle = await openTestDb(driver);
  });
  afterAll(async () => {
    await handle.close();
  });

  it('never: not even into a new embedded database', async () => {
    const { deps } = createTestDeps({ ...handle, isNew: true, driver: 'pglite' }, { SEED_DEMO: 'never' });
    expect(await seedDemoIfWanted(deps)).toBeUndefined();
  });

  it('auto: never into PostgreSQL, which may be production, even empty', async () => {
    const url = handle.url ?? 'postgres://nobody@127.0.0.1:5432/none';
    const { deps } = createTestDeps({ ...handle, isNew: true, driver: 'postgres' }, { SEED_DEMO: 'auto', DATABASE_URL: url });
    expect(await seedDemoIfWanted(deps)).toBeUndefined();
  });

  it('auto: not into an embedded database that already holds someone’s units', async () => {
    await handle.db.insert(units).values({ code: 'X1', name: 'Đơn vị thật', kind: 'province' });
    const { deps } = createTestDeps({ ...handle, isNew: false, driver: 'pglite' }, { SEED_DEMO: 'auto' });
    expect(await seedDemoIfWanted(deps)).toBeUndefined();
  });

  it('always: not a second time once the demo province is there', async () => {
    await handle.db.insert(units).values({ code: 'BH', name: 'Bình Hà', kind: 'province' });
    const announced: string[] = [];
    const { deps } = createTestDeps(handle, { SEED_DEMO: 'always' });
    expect(await seedDemoIfWanted(deps, (line) => announced.push(line))).toBeUndefined();
    expect(announced).toEqual([]);
  });
});

describe('SEED_DEMO=auto on an embedded database with no unit', () => {
  it('loads the demo even when the database was migrated before (thads migrate, then npm start)', async () => {
    const handle = await openTestDb('pglite');
    try {
      const { deps } = createTestDeps({ ...handle, isNew: false }, { SEED_DEMO: 'auto' });
      const counts = await seedDemoIfWanted(deps);
      expect(counts?.units).toBe(10);
    } finally {
      await handle.close();
    }
  });
});
