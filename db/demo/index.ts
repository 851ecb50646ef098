import type { Db } from '../client.ts';
import { type ChangeSink, EVERY_SCOPE } from '../result-cache.ts';
import type { IsoDate } from '../work-year.ts';
import { generateDemo } from './generate.ts';
import { type DemoResult, hasDemo, insertDemo } from './insert.ts';
import { DEMO_PROVINCE_CODE } from './organisation.ts';

export { generateDemo } from './generate.ts';
export type { DemoResult } from './insert.ts';
export { DEMO_PROVINCE_CODE } from './organisation.ts';
export type { DemoData } from './types.ts';

/** Thrown when the demo province is already loaded: a second seed would duplicate every case. */
export class DemoAlreadyLoadedError extends Error {
  override name = 'DemoAlreadyLoadedError';
  constructor() {
    super(`The demo province ${DEMO_PROVINCE_CODE} is already loaded; seed-demo runs once per database.`);
  }
}

/** True when the demo province is in the database (loaded by seedDemo, or a unit with its code). */
export function isDemoLoaded(db: Db): Promise<boolean> {
  return hasDemo(db, DEMO_PROVINCE_CODE);
}

/**
 * Loads the fictional province "Thi hành án dân sự tỉnh Bình Hà" (code BH) as of `today`:
 * units, staff, about 3,000 cases over three work years with their collections, targets and
 * one inspection. The same `today` always gives the same rows. Refuses if BH already exists.
 * `changes` is told, once it has committed, that everything changed.
 */
export async function seedDemo(db: Db, options: { today: IsoDate; changes: ChangeSink }): Promise<DemoResult> {
  // Generated before the transaction opens, so a bad date fails without touching the database.
  const data = generateDemo(options.today);
  const result = await db.transaction(async (tx) => {
    if (await hasDemo(tx, DEMO_PROVINCE_CODE)) throw new DemoAlreadyLoadedError();
    return insertDemo(tx, data, options.today);
  });
  options.changes.changed(...EVERY_SCOPE);
  return result;
}
