import { addDays, daysBetween, type IsoDate, workYearOf, workYearStart } from '../work-year.ts';
import { drawCollections } from './collections.ts';
import { clampDate, randomWorkday, toWeekday, weekdayOnOrBefore } from './dates.ts';
import { officerCode, type UnitProfile, unitProfiles } from './organisation.ts';
import { drawOutcome, type Outcome } from './outcome.ts';
import { createRandom, deriveSeed, type Random } from './random.ts';
import type { DemoCase } from './types.ts';

/** Cases a unit of weight 1 accepts in a work year; nine units then hold about 1,100 a year. */
const CASES_PER_YEAR = 120;
/** Older cases still open when the window starts, per unit of weight 1 (the hard backlog). */
const BACKLOG = 14;
const BACKLOG_YEARS = 3;

interface Draft {
  acceptedDate: IsoDate;
  outcome: Outcome;
}

/** Every local unit's cases, unit after unit. */
export function buildCases(seed: number, today: IsoDate): DemoCase[] {
  return unitProfiles.flatMap((unit) => buildUnitCases(seed, unit, today));
}

/**
 * A unit's cases, in order of acceptance: those accepted from 1 October two work years before
 * `today`'s up to `today`, plus a backlog of older ones not yet done by then, without which
 * the first years would have nothing carried over and money rates would look far too good.
 */
export function buildUnitCases(seed: number, unit: UnitProfile, today: IsoDate): DemoCase[] {
  const random = createRandom(deriveSeed(seed, unit.code));
  const first = workYearStart(workYearOf(today) - 2);
  const span = daysBetween(first, today) + 1;
  const count = Math.round(((CASES_PER_YEAR * unit.weight * span) / 365) * random.between(0.95, 1.05));
  const drafts: Draft[] = drawBacklog(random, unit, first, today);
  for (let i = 0; i < count; i++) {
    const acceptedDate = clampDate(toWeekday(addDays(first, random.int(0, span - 1))), first, today);
    drafts.push({ acceptedDate, outcome: drawOutcome(random, unit.strength, acceptedDate, today) });
  }
  drafts.sort((a, b) => (a.acceptedDate < b.acceptedDate ? -1 : a.acceptedDate > b.acceptedDate ? 1 : 0));

  const perWorkYear = new Map<number, number>();
  const perCalendarYear = new Map<string, number>();
  return drafts.map(({ acceptedDate, outcome }) => {
    const workYear = workYearOf(acceptedDate);
    const seq = (perWorkYear.get(workYear) ?? 0) + 1;
    perWorkYear.set(workYear, seq);
    // The enforcement decision comes a few days before the case is entered in the books.
    const decisionDate = weekdayOnOrBefore(addDays(acceptedDate, -random.int(1, 5)));
    // Decisions are numbered per calendar year. Where only part of a year is in the demo (the
    // backlog, the first October), numbers follow from the decisions that year would have had.
    const year = decisionDate.slice(0, 4);
    let decisionSeq = decisionsBefore(unit, decisionDate) + 1;
    if (acceptedDate >= first) {
      decisionSeq = (perCalendarYear.get(year) ?? decisionSeq - 1) + 1;
      perCalendarYear.set(year, decisionSeq);
    }
    const officer = officerCode(unit.code, random.int(0, unit.officers.length - 1));
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

/** Older cases that were still in the books on `first`: drawn like any other, kept if not yet out. */
function drawBacklog(random: Random, unit: UnitProfile, first: IsoDate, today: IsoDate): Draft[] {
  const wanted = Math.round(BACKLOG * unit.weight);
  const from = addDays(first, -365 * BACKLOG_YEARS);
  const kept: Draft[] = [];
  for (let attempt = 0; kept.length < wanted && attempt < wanted * 50; attempt++) {
    const acceptedDate = randomWorkday(random, from, addDays(first, -1));
    const outcome = drawOutcome(random, unit.strength, acceptedDate, today);
    const gone = ['completed', 'terminated', 'entrusted', 'withdrawn'].includes(outcome.status);
    if (!gone || outcome.statusDate >= first) kept.push({ acceptedDate, outcome });
  }
  return kept;
}

function decisionsBefore(unit: UnitProfile, date: IsoDate): number {
  const dayOfYear = daysBetween(`${date.slice(0, 4)}-01-01`, date);
  return Math.round((CASES_PER_YEAR * unit.weight * dayOfYear) / 365);
}
