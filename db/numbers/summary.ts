import { and, eq, isNull, type SQL } from 'drizzle-orm';
import type { Db } from '../client.ts';
import type { ResultCache } from '../result-cache.ts';
import { targets } from '../schema.ts';
import { getUnitSubtree } from '../units.ts';
import { addDays, type IsoDate, sameDayLastYear, workYearOf, workYearStart } from '../work-year.ts';
import { aggregateBooks, type BooksGroup, cutOf, emptyGroup } from './books.ts';
import type { NumbersOptions } from './options.ts';
import { overdueCondition } from './overdue.ts';
import type { Books, CarriedCut, Summary, Targets, TargetsMet } from './types.ts';

/** A unit's official numbers as of `at` (its whole subtree for a province), per CONTRACT.md. */
export async function getSummary(db: Db, unitCode: string, at: IsoDate, options: NumbersOptions): Promise<Summary> {
  const { unit, unitIds } = await getUnitSubtree(db, unitCode);
  const workYear = workYearOf(at);
  const from = workYearStart(workYear);
  const lastYearAt = sameDayLastYear(at);
  const baseAt = carriedCutBaseAt(from);
  // The overdue cases and the base of the carried cuts are counted in the same pass over the
  // cases as the year's numbers.
  const [current, lastYear, unitTargets] = await Promise.all([
    getBooks(db, unitIds, from, at, { countWhere: overdueCondition(at, options), previousFrom: workYearStart(workYear - 1) }),
    getBooks(db, unitIds, workYearStart(workYearOf(lastYearAt)), lastYearAt),
    getUnitTargets(db, unit.id, workYear),
  ]);
  const carriedCut = toCarriedCut(baseAt, current.cutBase, current);
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
    same_period_last_year: {
      at: lastYearAt,
      cases_rate: lastYear.cases.rate,
      money_rate: lastYear.money.rate,
      cases: lastYear.cases,
      money: lastYear.money,
    },
    carried_cut: carriedCut,
    targets_met: targetsMet(unitTargets, current, carriedCut),
    ...creditAndFlags(current),
    overdue: current.flagged,
  };
}

/** The credit-institution cases' figures and the flagged cases still in hand, from a group's books. */
export function creditAndFlags(g: Pick<BooksGroup, 'credit' | 'flags'>): Pick<Summary, 'credit' | 'flags'> {
  return {
    credit: {
      cases: g.credit.cases.to_enforce,
      money: g.credit.money.to_enforce,
      done_cases: g.credit.cases.done,
      done_money: g.credit.money.done,
    },
    flags: { complaint: g.flags.complaint, complex: g.flags.complex },
  };
}

/** The base day of the carried cuts: the last day of the work year before the one starting `from`. */
export const carriedCutBaseAt = (from: IsoDate): IsoDate => addDays(from, -1);

/**
 * The cuts in carried_with_conditions, by cases and by money, from `base` (that figure in its own
 * year's books on `baseAt`, BooksGroup.cutBase) to `now`.
 */
export function toCarriedCut(baseAt: IsoDate, base: BooksGroup['cutBase'], now: { cases: Books; money: Books }): CarriedCut {
  const casesBase = base.cases;
  const moneyBase = base.money;
  return {
    base_at: baseAt,
    cases_base: casesBase,
    money_base: moneyBase,
    cases: cutOf(casesBase, now.cases.carried_with_conditions),
    money: cutOf(moneyBase, now.money.carried_with_conditions),
  };
}

/**
 * The four targets judged: met when the rate (or cut) is at least the target. A rate or cut that
 * is null (nothing with conditions, or nothing carried at the base) cannot be judged: null, and
 * not counted among those met. Null when no targets are set.
 */
export function targetsMet(goal: Targets | null, now: { cases: Books; money: Books }, cut: CarriedCut): TargetsMet | null {
  if (!goal) return null;
  const meets = (value: number | null, target: number) => (value === null ? null : value >= target);
  const met = {
    cases_rate: meets(now.cases.rate, goal.cases_rate),
    money_rate: meets(now.money.rate, goal.money_rate),
    carried_cases_cut: meets(cut.cases, goal.carried_cases_cut),
    carried_money_cut: meets(cut.money, goal.carried_money_cut),
  };
  return { ...met, count: Object.values(met).filter((v) => v === true).length };
}

async function getBooks(
  db: Db,
  unitIds: number[],
  from: IsoDate,
  at: IsoDate,
  more: { countWhere?: SQL; previousFrom?: IsoDate } = {},
): Promise<BooksGroup> {
  const [row] = await aggregateBooks(db, { unitIds, from, at, ...more });
  return row ?? emptyGroup();
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
