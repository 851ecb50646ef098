import { DEMO_PROVINCE_CODE, officerCode, unitProfiles } from './organisation.ts';
import type { DemoTarget } from './types.ts';

/**
 * Targets (chỉ tiêu) near the National Assembly's (83.90 % / 51.90 % for 2025): the province's
 * own, each unit's for this and last work year (lower where the unit is weaker, as provinces
 * do for heavy workloads), and each officer's for this year, cascaded from the unit's.
 */
export function buildTargets(workYear: number): DemoTarget[] {
  const rows: DemoTarget[] = [];
  for (const year of [workYear - 1, workYear]) {
    const step = year === workYear ? 0.5 : 0;
    rows.push(target(DEMO_PROVINCE_CODE, null, year, 83.5 + step, 50 + step, 5, 7));
    for (const u of unitProfiles) {
      const casesRate = 80 + half(5.5 * u.strength) + step;
      const moneyRate = 45 + half(10 * u.strength) + step;
      rows.push(target(u.code, null, year, casesRate, moneyRate, 5, 5 + Math.round(5 * u.strength)));
      if (year !== workYear) continue;
      u.officers.forEach((_, i) => {
        // Officers carry the unit's target, the first (most senior) a notch above it.
        const extra = i === 0 ? 0.5 : 0;
        rows.push(target(u.code, officerCode(u.code, i), year, casesRate + extra, moneyRate + extra, 5, 5));
      });
    }
  }
  return rows;
}

function half(value: number): number {
  return Math.round(value * 2) / 2;
}

function target(
  unitCode: string,
  officer: string | null,
  workYear: number,
  casesRate: number,
  moneyRate: number,
  carriedCasesCut: number,
  carriedMoneyCut: number,
): DemoTarget {
  return { unitCode, officerCode: officer, workYear, casesRate, moneyRate, carriedCasesCut, carriedMoneyCut };
}
