import { addDays, daysBetween, type IsoDate, workYearOf, workYearStart } from '../work-year.ts';
import { drawCollections } from './collections.ts';
import { clampDate, toWeekday, weekdayOnOrBefore } from './dates.ts';
import { officerCode, type UnitProfile, unitProfiles } from './organisation.ts';
import { drawOutcome } from './outcome.ts';
import { createRandom, deriveSeed } from './random.ts';
import type { DemoCase } from './types.ts';

/** Cases a unit of weight 1 accepts in a work year; nine units then hold about 1,100 a year. */
const CASES_PER_YEAR = 120;

/** Every local unit's cases, unit after unit. */
export function buildCases(seed: number, today: IsoDate): DemoCase[] {
  return unitProfiles.flatMap((unit) => buildUnitCases(seed, unit, today));
}

/**
 * A unit's cases accepted from 1 October two work years before `today`'s up to `today`,
 * in order of acceptance. Each unit draws from its own stream, seeded by its code.
 */
export function buildUnitCases(seed: number, unit: UnitProfile, today: IsoDate): DemoCase[] {
  const random = createRandom(deriveSeed(seed, unit.code));
  const first = workYearStart(workYearOf(today) - 2);
  const span = daysBetween(first, today) + 1;
  const count = Math.round(((CASES_PER_YEAR * unit.weight * span) / 365) * random.between(0.95, 1.05));
  const accepted = Array.from({ length: count }, () =>
    clampDate(toWeekday(addDays(first, random.int(0, span - 1))), first, today),
  ).sort();

  const perWorkYear = new Map<number, number>();
  // Decisions are numbered per calendar year; the books open in October, so the first year's
  // numbering continues from the nine months before it.
  const perCalendarYear = new Map([[first.slice(0, 4), Math.round(CASES_PER_YEAR * unit.weight * 0.75)]]);
  return accepted.map((acceptedDate) => {
    const workYear = workYearOf(acceptedDate);
    const seq = (perWorkYear.get(workYear) ?? 0) + 1;
    perWorkYear.set(workYear, seq);
    // The enforcement decision comes a few days before the case is entered in the books.
    const decisionDate = weekdayOnOrBefore(addDays(acceptedDate, -random.int(1, 5)));
    const year = decisionDate.slice(0, 4);
    const decisionSeq = (perCalendarYear.get(year) ?? 0) + 1;
    perCalendarYear.set(year, decisionSeq);
    const officer = officerCode(unit.code, random.int(0, unit.officers.length - 1));
    const outcome = drawOutcome(random, unit.strength, acceptedDate, today);
    const collections = drawCollections(random, { ...outcome, acceptedDate }, today);
    return {
      code: `${unit.code}-${workYear}-${String(seq).padStart(4, '0')}`,
      unitCode: unit.code,
      officerCode: officer,
      decisionNo: `${decisionSeq}/QĐ-CCTHADS`,
      decisionDate,
      acceptedDate,
      ...outcome,
      collections,
    };
  });
}
