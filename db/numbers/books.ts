import { type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../client.ts';
import type { IsoDate } from '../work-year.ts';
import { idArray } from '../sql-arrays.ts';
import { casesAsOf } from './case-state.ts';
import type { Books } from './types.ts';

export interface BooksGroup {
  key: string | null;
  cases: Books;
  money: Books;
  /** Cases matching `countWhere`, when one was given (the overdue ones, for a summary). */
  flagged: number;
}

interface Row {
  key: string | null;
  status: string;
  carried: boolean;
  n: number | string;
  books: number | string;
  part_paid: number | string;
  flagged: number | string;
}

/**
 * The official table by cases and by money for the given units, as of `at` in the work year
 * starting `from`. The database groups the cases by (group, status on `at`, carried over or
 * new) — a handful of rows — and the columns are added up from those here. `groupKey` (an
 * expression over the row `b` of casesAsOf, such as `b.officer_id`) splits the table in groups.
 *
 * Money in the books: a carried-over case counts what was still owed on `from`; done money is
 * collected in the year on open cases with conditions (never more than their books' amount)
 * plus the whole books' amount of cases completed or terminated in the year (for a terminated
 * case: what was collected plus what remained, which is the same thing).
 */
export async function aggregateBooks(
  db: Db,
  opts: { unitIds: readonly number[]; from: IsoDate; at: IsoDate; groupKey?: SQL; countWhere?: SQL },
): Promise<BooksGroup[]> {
  const { unitIds, from, at } = opts;
  if (unitIds.length === 0) return [];
  const rows = await queryRows<Row>(
    db,
    sql`
    with paid as (
      select p.case_id,
             sum(p.amount) filter (where p.collected_on < ${from}::date) as before,
             sum(p.amount) filter (where p.collected_on >= ${from}::date) as in_year
      from collections p
      where p.unit_id = any(${idArray(unitIds)}) and p.collected_on <= ${at}::date
      group by p.case_id
    ),
    b as (
      select base.*,
             greatest(base.amount - case when base.carried then coalesce(paid.before, 0) else 0 end, 0) as books,
             coalesce(paid.in_year, 0) as in_year
      from (${casesAsOf(unitIds, from, at)}) base left join paid on paid.case_id = base.id
    )
    select (${opts.groupKey ?? sql`null`})::text as key, b.s_at as status, b.carried,
           count(*) as n, sum(b.books) as books, sum(least(b.in_year, b.books)) as part_paid,
           count(*) filter (where ${opts.countWhere ?? sql`false`}) as flagged
    from b
    group by 1, 2, 3`,
  );
  const groups = new Map<string | null, Row[]>();
  for (const row of rows) groups.set(row.key, [...(groups.get(row.key) ?? []), row]);
  return [...groups].map(([key, group]) => ({
    key,
    cases: toBooks(group, (r) => Number(r.n), 0),
    money: toBooks(group, (r) => Number(r.books), partPaid(group)),
    flagged: group.reduce((sum, r) => sum + Number(r.flagged), 0),
  }));
}

const is =
  (...statuses: string[]) =>
  (r: Row): boolean =>
    statuses.includes(r.status);

/** Money collected in the year on cases with conditions still open (capped per case in SQL). */
const partPaid = (rows: Row[]) =>
  rows.filter(is('enforcing', 'postponed', 'suspended')).reduce((t, r) => t + Number(r.part_paid), 0);

/** Adds up the grouped rows into the official columns; `measure` is 1 per case or its money. */
function toBooks(rows: Row[], measure: (r: Row) => number, partPaidInYear: number): Books {
  const sum = (where: (r: Row) => boolean) => rows.filter(where).reduce((total, r) => total + measure(r), 0);
  const total = sum(() => true);
  const entrusted = sum(is('entrusted'));
  const withdrawn = sum(is('withdrawn'));
  const withConditions = sum(is('enforcing', 'postponed', 'suspended', 'completed', 'terminated'));
  const completed = sum(is('completed'));
  const terminated = sum(is('terminated'));
  const toEnforce = total - entrusted - withdrawn;
  const done = completed + terminated + partPaidInYear;
  return {
    carried_over: sum((r) => r.carried),
    new: sum((r) => !r.carried),
    total,
    entrusted,
    withdrawn,
    to_enforce: toEnforce,
    with_conditions: withConditions,
    without_conditions: sum(is('no_conditions')),
    completed,
    terminated,
    done,
    postponed: sum(is('postponed')),
    suspended: sum(is('suspended')),
    carried_to_next: toEnforce - done,
    carried_with_conditions: withConditions - done,
    rate: rateOf(done, withConditions),
  };
}

/** done ÷ with conditions in percent, rounded half up to 2 decimals, exactly (integers only). */
export function rateOf(done: number, withConditions: number): number | null {
  if (withConditions <= 0) return null;
  const scaled = (BigInt(done) * 20000n + BigInt(withConditions)) / (2n * BigInt(withConditions));
  return Number(scaled) / 100;
}

export const emptyBooks = (): Books => toBooks([], () => 0, 0);
