import { type IsoDate, isIsoDate, workYearOf } from '../work-year.ts';
import { buildCases } from './cases.ts';
import { buildInspection } from './inspection.ts';
import { buildStaff, buildUnits } from './organisation.ts';
import { buildTargets } from './targets.ts';
import type { DemoData } from './types.ts';

/** Any constant will do; changing it changes every demo case, so leave it alone. */
export const DEMO_SEED = 0x7a4d5b01;

/** The whole demo province as plain rows: a pure function of `today`. */
export function generateDemo(today: IsoDate): DemoData {
  if (!isIsoDate(today)) throw new Error(`seedDemo: today must be a date YYYY-MM-DD, got "${today}"`);
  const cases = buildCases(DEMO_SEED, today);
  return {
    units: buildUnits(),
    staff: buildStaff(),
    cases,
    targets: buildTargets(workYearOf(today)),
    inspection: buildInspection(cases, today),
  };
}
