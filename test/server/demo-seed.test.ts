import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDemoLoaded } from '../../db/demo/index.ts';
import { units } from '../../db/schema.ts';
import { runWithDeps } from '../../server/cli/main.ts';
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
    // A unit coded like the demo is not the demo.
    expect(await isDemoLoaded(handle.db)).toBe(false);
  });
});

describe('SEED_DEMO=auto on an embedded database with no unit', () => {
  it('loads the demo even when the database was migrated before (thads migrate, then npm start)', async () => {
    const handle = await openTestDb('pglite');
    try {
      const { deps } = createTestDeps({ ...handle, isNew: false }, { SEED_DEMO: 'auto' });
      const counts = await seedDemoIfWanted(deps);
      expect(counts?.units).toBe(10);
      // Recorded as the demo: what the try-it pages ask, never a unit's code.
      expect(await isDemoLoaded(handle.db)).toBe(true);
    } finally {
      await handle.close();
    }
  });
});

describe('thads seed-demo', () => {
  it('records the load, so the database is the demo; a unit coded like it is refused and not recorded', async () => {
    const handle = await openTestDb('pglite');
    const other = await openTestDb('pglite');
    try {
      const io = { stdout: { write: () => true }, stderr: { write: () => true }, isTTY: false };
      expect(await runWithDeps(createTestDeps(handle).deps, ['seed-demo'], io)).toBe(0);
      expect(await isDemoLoaded(handle.db)).toBe(true);
      await other.db.insert(units).values({ code: 'BH', name: 'Bình Hà', kind: 'province' });
      expect(await runWithDeps(createTestDeps(other).deps, ['seed-demo'], io)).toBe(1);
      expect(await isDemoLoaded(other.db)).toBe(false);
    } finally {
      await handle.close();
      await other.close();
    }
  }, 180_000);
});
