import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, queryRows } from '../../db/client.ts';
import { importCsv } from '../../db/import/index.ts';
import { actor, caseLine, casesHeader, loadFixtures } from '../fixtures/import/helpers.ts';
import { drivers, openTestDb, type TestDb } from '../helpers/db.ts';

const ROWS = 6000;

// A 50 MB file must not sit in memory: its rows go to the database (a staging table in the
// import's transaction) while the file is still arriving, a batch at a time.
describe.each(drivers)('importCsv streaming on %s', (driver) => {
  let handle: TestDb;
  beforeAll(async () => {
    handle = await openTestDb(driver);
    await loadFixtures(handle.db);
  });
  afterAll(() => handle.close());

  it('has staged all but about a batch of the rows read whenever the file is asked for more', async () => {
    // The import's own transaction, seen from the file's side.
    let tx: Db | undefined;
    const db = new Proxy(handle.db, {
      get(target, prop, receiver) {
        if (prop !== 'transaction') return Reflect.get(target, prop, receiver) as unknown;
        return (work: (t: Db) => Promise<unknown>) =>
          target.transaction((t) => {
            tx = t as unknown as Db;
            return work(tx);
          });
      },
    });
    const waiting: number[] = [];
    async function* file() {
      yield `${casesHeader}\n`;
      for (let i = 1; i <= ROWS; i++) {
        if (i % 1000 === 0) {
          const [staged] = await queryRows<{ n: number }>(tx!, sql`select count(*)::int as n from import_staged`);
          waiting.push(i - 1 - staged!.n);
        }
        yield `${caseLine(`ST-${i}`)}\n`;
      }
    }
    const result = await importCsv(db, 'cases', file(), { ...actor, dryRun: true });
    expect(result).toMatchObject({ rows: ROWS, inserted: ROWS, issues: [] });
    expect(waiting).toHaveLength(ROWS / 1000);
    // A batch (at most 1,000 rows) plus what the stream buffers hold, never the file so far.
    for (const rows of waiting) expect(rows).toBeLessThanOrEqual(1500);
  });
});
