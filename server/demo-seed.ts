import { DEMO_PROVINCE_CODE, DemoAlreadyLoadedError, type DemoResult, isDemoCodeTaken, isDemoLoaded, seedDemo } from '../db/demo/index.ts';
import { hasAnyUnit } from '../db/units.ts';
import { todayIn } from '../db/work-year.ts';
import type { Deps } from './deps.ts';

export type DemoCounts = DemoResult;

/**
 * SEED_DEMO: `auto` fills an embedded database that holds no unit yet (a first `npm start`
 * shows something real, even after a `thads migrate`) but never a PostgreSQL server, which is
 * someone's production; `always` loads the demo province wherever it is missing; `never` does
 * nothing. Returns what was loaded, if anything.
 */
export async function seedDemoIfWanted(deps: Deps, announce: (line: string) => void = () => {}): Promise<DemoCounts | undefined> {
  const { config, dbHandle, db } = deps;
  const wanted =
    config.seedDemo === 'always'
      ? !(await isDemoLoaded(db))
      : config.seedDemo === 'auto' && dbHandle.driver === 'pglite' && !(await hasAnyUnit(db));
  if (!wanted) return undefined;
  // Its units are there but no load was recorded (loaded before the record existed, or real data
  // coded like it): nothing is loaded, and the database is not taken for the demo.
  if (await isDemoCodeTaken(db)) {
    deps.logger.warn({ unit: DEMO_PROVINCE_CODE }, 'demo not loaded: a unit has its code, without a demo record');
    return undefined;
  }
  announce(`Loading the demo province ${DEMO_PROVINCE_CODE} into the database…`);
  const started = Date.now();
  const counts = await seedDemo(db, { today: todayIn(config.timeZone, deps.now()), changes: deps.cache }).catch((error: unknown) => {
    // Another process loaded it since the check above.
    if (error instanceof DemoAlreadyLoadedError) return undefined;
    throw error;
  });
  if (!counts) return undefined;
  deps.logger.info({ counts, duration_ms: Date.now() - started }, 'demo data loaded');
  return counts;
}
