import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { staff, targets, units } from '../schema.ts';
import { getChildOfEachUnit, getUnitByCode } from '../units.ts';
import { type IsoDate, workYearOf, workYearStart } from '../work-year.ts';
import { aggregateBooks, type BooksGroup, emptyBooks } from './books.ts';
import type { NumbersOptions } from './options.ts';
import { carriedCutBaseAt, targetsMet, toCarriedCut, toTargets } from './summary.ts';
import type { Books, CarriedCut, Ranking, RankingRow, Targets } from './types.ts';

export interface RankEntry {
  id: number;
  code: string;
  name: string;
}

/**
 * A province's child units, or a local unit's officers, ranked by rate by cases, then by
 * money; equal rates share a rank. Units whose books hold nothing with conditions come last.
 */
export async function getRanking(db: Db, unitCode: string, at: IsoDate, _options: NumbersOptions): Promise<Ranking> {
  const unit = await getUnitByCode(db, unitCode);
  const workYear = workYearOf(at);
  const from = workYearStart(workYear);
  // The base of the carried cuts comes from the same pass over the cases (see casesAsOf).
  const previousFrom = workYearStart(workYear - 1);
  const baseAt = carriedCutBaseAt(from);
  const children = await db
    .select({ id: units.id, code: units.code, name: units.name })
    .from(units)
    .where(eq(units.parentId, unit.id))
    .orderBy(units.code);
  const by = children.length > 0 ? 'units' : 'officers';

  let entries: RankEntry[];
  let books: Map<string, BooksGroup>;
  let goals: Map<number, Targets>;
  if (by === 'units') {
    entries = children;
    // Every unit below the province belongs to one child: group the cases by that child.
    const owner = await getChildOfEachUnit(db, unit.id);
    const groupKey = sql`case b.unit_id ${sql.join(
      [...owner].map(([id, child]) => sql`when ${id}::int then ${child}::int`),
      sql` `,
    )} end`;
    const grouped = await aggregateBooks(db, { unitIds: [...owner.keys()], from, at, groupKey, previousFrom });
    books = new Map(grouped.filter((r) => r.key !== null).map((r) => [r.key as string, r]));
    const targetRows = await db
      .select()
      .from(targets)
      .where(and(inArray(targets.unitId, children.map((c) => c.id)), sql`${targets.officerId} is null`, eq(targets.workYear, workYear)));
    goals = new Map(targetRows.map((r) => [r.unitId, toTargets(r)]));
  } else {
    entries = await db
      .select({ id: staff.id, code: staff.code, name: staff.fullName })
      .from(staff)
      .where(and(eq(staff.unitId, unit.id), eq(staff.role, 'officer')))
      .orderBy(staff.code);
    const rows = await aggregateBooks(db, { unitIds: [unit.id], from, at, groupKey: sql`b.officer_id`, previousFrom });
    books = new Map(rows.filter((r) => r.key !== null).map((r) => [r.key as string, r]));
    const targetRows = await db
      .select()
      .from(targets)
      .where(and(eq(targets.unitId, unit.id), isNotNull(targets.officerId), eq(targets.workYear, workYear)));
    goals = new Map(targetRows.map((r) => [r.officerId as number, toTargets(r)]));
  }

  const rows = rankRows(
    entries.map((e) => {
      const group = books.get(String(e.id));
      const cut = toCarriedCut(baseAt, group?.cutBase ?? { cases: 0, money: 0 }, group ?? { cases: emptyBooks(), money: emptyBooks() });
      return toRow(e, group ? { cases: group.cases, money: group.money, carried_cut: cut } : { carried_cut: cut }, goals.get(e.id) ?? null);
    }),
  );
  return { unit: unit.code, name: unit.name, work_year: workYear, at, by, rows };
}

/** Sorts rows by rate by cases, then money, and numbers them; equal rates share a rank. */
export function rankRows(rows: RankingRow[]): RankingRow[] {
  rows.sort(compareRows);
  rows.forEach((row, i) => {
    const previous = rows[i - 1];
    row.rank = previous && sameRates(previous, row) ? previous.rank : i + 1;
  });
  return rows;
}

/**
 * One unit's or officer's row (rank 0 until ranked) from its books, carried cuts and own targets
 * (null when none is set: then targets_met is null too).
 */
export function toRow(
  entry: RankEntry,
  books: { cases?: Books; money?: Books; carried_cut: CarriedCut },
  goal: Targets | null,
): RankingRow {
  const cases = books.cases ?? emptyBooks();
  const money = books.money ?? emptyBooks();
  const meets = (rate: number | null, target: number | undefined) => (rate === null || target === undefined ? null : rate >= target);
  return {
    rank: 0,
    code: entry.code,
    name: entry.name,
    cases,
    money,
    targets: goal,
    carried_cut: books.carried_cut,
    targets_met: targetsMet(goal, { cases, money }, books.carried_cut),
    meets: { cases_rate: meets(cases.rate, goal?.cases_rate), money_rate: meets(money.rate, goal?.money_rate) },
  };
}

const sameRates = (a: RankingRow, b: RankingRow) => a.cases.rate === b.cases.rate && a.money.rate === b.money.rate;

function compareRows(a: RankingRow, b: RankingRow): number {
  const byRate = (x: number | null, y: number | null) => (y ?? -1) - (x ?? -1);
  return byRate(a.cases.rate, b.cases.rate) || byRate(a.money.rate, b.money.rate) || a.code.localeCompare(b.code);
}
