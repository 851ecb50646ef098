import type { Db } from '../client.ts';
import { getUnitSubtree } from '../units.ts';
import { addDays, type IsoDate, sameDayLastYear, workYearOf, workYearStart } from '../work-year.ts';
import { aggregateBooks, emptyGroup } from './books.ts';

/** The two rates on one day (CONTRACT.md: done ÷ with conditions, 2 decimals, null with nothing to divide). */
export interface RatesOn {
  at: IsoDate;
  cases_rate: number | null;
  money_rate: number | null;
}

/** One point of the series: the rates on a month's last day (or on `at`), and on the same day last year. */
export interface MonthlyPoint extends RatesOn {
  last_year: RatesOn;
}

export interface MonthlyRates {
  unit: string;
  name: string;
  work_year: number;
  at: IsoDate;
  /** October first; the last point is `at` itself. */
  points: MonthlyPoint[];
}

/**
 * The days of the series: the last day of each month from the work year's October up to the
 * month before `at`'s, then `at` itself.
 */
export function monthEndsTo(at: IsoDate): IsoDate[] {
  const days: IsoDate[] = [];
  let monthStart = workYearStart(workYearOf(at));
  for (;;) {
    const nextMonth = addDays(monthStart, 32).slice(0, 8) + '01';
    const monthEnd = addDays(nextMonth, -1);
    if (monthEnd >= at) break;
    days.push(monthEnd);
    monthStart = nextMonth;
  }
  return [...days, at];
}

/**
 * A unit's rates (its whole subtree for a province) at each month's end of the work year of `at`,
 * and on the same days of the previous work year (cùng kỳ, as getSummary counts it): each point
 * is the books of aggregateBooks as of that day, so every point equals getSummary's rates there.
 * Costs one query for the unit and two per point (this year, last year): at most 25, run at once.
 */
export async function getMonthlyRates(db: Db, unitCode: string, at: IsoDate): Promise<MonthlyRates> {
  const { unit, unitIds } = await getUnitSubtree(db, unitCode);
  const ratesOn = async (day: IsoDate): Promise<RatesOn> => {
    const [group] = await aggregateBooks(db, { unitIds, from: workYearStart(workYearOf(day)), at: day });
    const books = group ?? emptyGroup();
    return { at: day, cases_rate: books.cases.rate, money_rate: books.money.rate };
  };
  const days = monthEndsTo(at);
  const points = await Promise.all(
    days.map(async (day): Promise<MonthlyPoint> => {
      const [now, last] = await Promise.all([ratesOn(day), ratesOn(sameDayLastYear(day))]);
      return { ...now, last_year: last };
    }),
  );
  return { unit: unit.code, name: unit.name, work_year: workYearOf(at), at, points };
}
