import { eq } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { demoLoads } from '../schema.ts';
import { type ChangeSink, EVERY_SCOPE } from '../result-cache.ts';
import type { IsoDate } from '../work-year.ts';
import { generateDemo } from './generate.ts';
import { type DemoResult, hasDemo, insertDemo } from './insert.ts';
import { DEMO_PROVINCE_CODE } from './organisation.ts';

export { generateDemo } from './generate.ts';
export type { DemoResult } from './insert.ts';
export { DEMO_PROVINCE_CODE } from './organisation.ts';
export { DEMO_PERSONA_CODES, listDemoPersonas } from './personas.ts';
export type { DemoData } from './types.ts';

/** Thrown when the demo province is already loaded: a second seed would duplicate every case. */
export class DemoAlreadyLoadedError extends Error {
  override name = 'DemoAlreadyLoadedError';
  constructor() {
    super(`The demo province ${DEMO_PROVINCE_CODE} is already loaded; seed-demo runs once per database.`);
  }
}

/**
 * True when seedDemo loaded the demo province into this database (its record in `demo_loads`).
 * Only the record counts: a unit coded or named like the demo's may be real data.
 */
export async function isDemoLoaded(db: Db): Promise<boolean> {
  const rows = await db.select({ code: demoLoads.provinceCode }).from(demoLoads).where(eq(demoLoads.provinceCode, DEMO_PROVINCE_CODE)).limit(1);
  return rows.length > 0;
}

/**
 * True when a unit has the demo province's code, recorded as the demo or not: seedDemo would
 * collide with it. Says nothing of whether this is the demo (isDemoLoaded does).
 */
export function isDemoCodeTaken(db: Db): Promise<boolean> {
  return hasDemo(db, DEMO_PROVINCE_CODE);
}

/**
 * Loads the fictional province "Thi hành án dân sự tỉnh Bình Hà" (code BH) as of `today`:
 * units, staff, about 3,000 cases over three work years with their collections, targets and
 * one inspection. The same `today` always gives the same rows. Refuses if BH already exists
 * (a unit with its code, recorded or not: its codes would collide). Records the load in the same
 * transaction (isDemoLoaded). `changes` is told, once it has committed, that everything changed.
 */
export async function seedDemo(db: Db, options: { today: IsoDate; changes: ChangeSink }): Promise<DemoResult> {
  // Generated before the transaction opens, so a bad date fails without touching the database.
  const data = generateDemo(options.today);
  const result = await db.transaction(async (tx) => {
    if (await hasDemo(tx, DEMO_PROVINCE_CODE)) throw new DemoAlreadyLoadedError();
    const inserted = await insertDemo(tx, data, options.today);
    await tx.insert(demoLoads).values({ provinceCode: DEMO_PROVINCE_CODE, today: options.today });
    return inserted;
  });
  options.changes.changed(...EVERY_SCOPE);
  return result;
}
