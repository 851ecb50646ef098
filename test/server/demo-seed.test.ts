import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { units } from '../../db/schema.ts';
import { seedDemoIfWanted } from '../../server/demo-seed.ts';
import { createTestDeps } from '../helpers/app-deps.ts';
import { drivers, openTestDb, type TestDb } from '../helpers/db.ts';

// Only the refusals here: the load itself is exercised end to end by node.test.ts.
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

  it('auto: not into a database that already existed', async () => {
    const { deps } = createTestDeps({ ...handle, isNew: false, driver: 'pglite' }, { SEED_DEMO: 'auto' });
    expect(await seedDemoIfWanted(deps)).toBeUndefined();
  });

  it('auto: never into PostgreSQL, which may be production', async () => {
    const url = handle.url ?? 'postgres://nobody@127.0.0.1:5432/none';
    const { deps } = createTestDeps({ ...handle, isNew: true, driver: 'postgres' }, { SEED_DEMO: 'auto', DATABASE_URL: url });
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
