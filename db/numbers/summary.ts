import { and, eq, isNull, type SQL } from 'drizzle-orm';
import type { Db } from '../client.ts';
import type { ResultCache } from '../result-cache.ts';
import { targets } from '../schema.ts';
import { getUnitSubtree } from '../units.ts';
import { type IsoDate, sameDayLastYear, workYearOf, workYearStart } from '../work-year.ts';
import { aggregateBooks, type BooksGroup, emptyBooks } from './books.ts';
import type { NumbersOptions } from './options.ts';
import { overdueCondition } from './overdue.ts';
import type { Summary, Targets } from './types.ts';

/** A unit's official numbers as of `at` (its whole subtree for a province), per CONTRACT.md. */
export async function getSummary(db: Db, unitCode: string, at: IsoDate, options: NumbersOptions): Promise<Summary> {
  const { unit, unitIds } = await getUnitSubtree(db, unitCode);
  const workYear = workYearOf(at);
  const from = workYearStart(workYear);
  const lastYearAt = sameDayLastYear(at);
  // The overdue cases are counted in the same pass over the cases as the year's numbers.
  const [current, lastYear, unitTargets] = await Promise.all([
    getBooks(db, unitIds, from, at, overdueCondition(at, options)),
    getBooks(db, unitIds, workYearStart(workYearOf(lastYearAt)), lastYearAt),
    getUnitTargets(db, unit.id, workYear),
  ]);
  return {
    unit: unit.code,
    name: unit.name,
    kind: unit.kind,
    work_year: workYear,
    from,
    at,
    cases: current.cases,
    money: current.money,
    targets: unitTargets,
    same_period_last_year: { at: lastYearAt, cases_rate: lastYear.cases.rate, money_rate: lastYear.money.rate },
    overdue: current.flagged,
  };
}

async function getBooks(db: Db, unitIds: number[], from: IsoDate, at: IsoDate, countWhere?: SQL): Promise<BooksGroup> {
  const [row] = await aggregateBooks(db, { unitIds, from, at, countWhere });
  return row ?? { key: null, cases: emptyBooks(), money: emptyBooks(), flagged: 0 };
}

/** The unit's own targets (not an officer's) for a work year, or null when none is set. */
export async function getUnitTargets(db: Db, unitId: number, workYear: number): Promise<Targets | null> {
  const [row] = await db
    .select()
    .from(targets)
    .where(and(eq(targets.unitId, unitId), isNull(targets.officerId), eq(targets.workYear, workYear)))
    .limit(1);
  return row ? toTargets(row) : null;
}

export function toTargets(row: typeof targets.$inferSelect): Targets {
  return {
    cases_rate: Number(row.casesRate),
    money_rate: Number(row.moneyRate),
    carried_cases_cut: Number(row.carriedCasesCut),
    carried_money_cut: Number(row.carriedMoneyCut),
  };
}

/**
 * getSummary, with concurrent identical requests (same unit and date) sharing one computation:
 * the Monday-morning burst of a unit's staff asking for its summary costs one set of queries.
 * On the embedded database, where this process is the only writer, a result is also kept
 * (cache.summaries) until a writer announces a change of the figures, and a computation begun
 * before such an announcement is not shared with a request made after it; on PostgreSQL, which
 * other processes write, nothing is kept once it resolves. The rules (`options`) are one per
 * process and are not part of the key.
 */
export function getSummaryShared(
  db: Db,
  unitCode: string,
  at: IsoDate,
  options: NumbersOptions,
  cache: ResultCache,
): Promise<Readonly<Summary>> {
  return cache.summaries.get(`${unitCode.trim().toUpperCase()}|${at}`, () => getSummary(db, unitCode, at, options));
}
