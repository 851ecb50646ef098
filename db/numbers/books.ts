import { type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../rows.ts';
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
  /**
   * carried_with_conditions on the day before `from`, in the previous work year's books, by
   * cases and by money (what those cases still owed): the base of the carried cuts. Zero
   * unless `previousFrom` was given.
   */
  cutBase: { cases: number; money: number };
  /** The same table for credit-institution cases (flag `credit`) alone. */
  credit: { cases: Books; money: Books };
  /** Cases still in hand on `at` (to enforce, not done) flagged under complaint, and complex or prolonged. */
  flags: CaseFlagCounts;
}

export interface CaseFlagCounts {
  complaint: number;
  complex: number;
}

interface Row {
  key: string | null;
  status: string;
  carried: boolean;
  n: number | string;
  books: number | string;
  part_paid: number | string;
  flagged: number | string;
  base_n: number | string;
  base_money: number | string | null;
  credit_n: number | string;
  credit_books: number | string | null;
  credit_part_paid: number | string | null;
  complaint_n: number | string;
  complex_n: number | string;
}

/**
 * The official table by cases and by money for the given units, as of `at` in the work year
 * starting `from`. The database groups the cases by (group, status on `at`, carried over or
 * new) — a handful of rows — and the columns are added up from those here. `groupKey` (an
 * expression over the row `b` of casesAsOf, such as `b.officer_id`) splits the table in groups.
 *
 * Money (CONTRACT.md, summary JSON v2): a case is in the books for `m`, what it still owed on
 * `from` if carried over, else its whole amount; `X` is what was collected on it from `from` to
 * `at`, at most `m`. A case completed or terminated by `at` puts `m` in its row (and in done);
 * any other puts `X` in completed (and done) and `m − X` in its own row, so every đồng collected
 * in the year counts once in done and every row adds up.
 */
export async function aggregateBooks(
  db: Db,
  opts: { unitIds: readonly number[]; from: IsoDate; at: IsoDate; groupKey?: SQL; countWhere?: SQL; previousFrom?: IsoDate },
): Promise<BooksGroup[]> {
  const { unitIds, from, at } = opts;
  // The previous year's books: a case carried into it owed on base day what it owed on `from`
  // (books); one accepted in it owed its amount less what that year collected.
  const previousFrom = opts.previousFrom ?? from;
  if (unitIds.length === 0) return [];
  const rows = await queryRows<Row>(
    db,
    sql`
    with paid as (
      select p.case_id,
             sum(p.amount) filter (where p.collected_on < ${from}::date) as before,
             sum(p.amount) filter (where p.collected_on >= ${from}::date) as in_year,
             sum(p.amount) filter (where p.collected_on >= ${previousFrom}::date and p.collected_on < ${from}::date) as last_year
      from collections p
      where p.unit_id = any(${idArray(unitIds)}) and p.collected_on <= ${at}::date
      group by p.case_id
    ),
    b as (
      select base.*,
             greatest(base.amount - case when base.carried then coalesce(paid.before, 0) else 0 end, 0) as books,
             coalesce(paid.in_year, 0) as in_year,
             case when base.in_cut_base and base.accepted_date >= ${previousFrom}::date
                  then greatest(base.amount - coalesce(paid.last_year, 0), 0) end as base_owed
      from (${casesAsOf(unitIds, from, at, opts.previousFrom)}) base left join paid on paid.case_id = base.id
    )
    select (${opts.groupKey ?? sql`null`})::text as key, b.s_at as status, b.carried,
           count(*) as n, sum(b.books) as books, sum(least(b.in_year, b.books)) as part_paid,
           count(*) filter (where ${opts.countWhere ?? sql`false`}) as flagged,
           count(*) filter (where b.in_cut_base) as base_n,
           sum(coalesce(b.base_owed, b.books)) filter (where b.in_cut_base) as base_money,
           count(*) filter (where 'credit' = any(b.flags)) as credit_n,
           sum(b.books) filter (where 'credit' = any(b.flags)) as credit_books,
           sum(least(b.in_year, b.books)) filter (where 'credit' = any(b.flags)) as credit_part_paid,
           count(*) filter (where 'complaint' = any(b.flags)) as complaint_n,
           count(*) filter (where 'complex' = any(b.flags)) as complex_n
    from b
    group by 1, 2, 3`,
  );
  const groups = new Map<string | null, Row[]>();
  for (const row of rows) groups.set(row.key, [...(groups.get(row.key) ?? []), row]);
  return [...groups].map(([key, group]) => ({
    key,
    cases: toBooks(group, (r) => Number(r.n), () => 0),
    money: toBooks(group, (r) => Number(r.books), (r) => Number(r.part_paid)),
    flagged: group.reduce((sum, r) => sum + Number(r.flagged), 0),
    cutBase: {
      cases: group.reduce((sum, r) => sum + Number(r.base_n), 0),
      money: group.reduce((sum, r) => sum + Number(r.base_money ?? 0), 0),
    },
    credit: {
      cases: toBooks(group, (r) => Number(r.credit_n), () => 0),
      money: toBooks(group, (r) => Number(r.credit_books ?? 0), (r) => Number(r.credit_part_paid ?? 0)),
    },
    flags: {
      complaint: group.filter(inHand).reduce((sum, r) => sum + Number(r.complaint_n), 0),
      complex: group.filter(inHand).reduce((sum, r) => sum + Number(r.complex_n), 0),
    },
  }));
}

const is =
  (...statuses: string[]) =>
  (r: Row): boolean =>
    statuses.includes(r.status);

const DONE = ['completed', 'terminated'];

/** Still in hand on `at`: to enforce and not done (what is carried to next period). */
const inHand = is('enforcing', 'postponed', 'suspended', 'no_conditions');

/**
 * Adds up the grouped rows into the official columns. `m` is a row's measure in the books (1 per
 * case, or its money) and `x` the part of it collected in the year (nothing for cases): a case
 * not done by `at` keeps `m − x` in its own row and moves `x` to completed.
 */
function toBooks(rows: Row[], m: (r: Row) => number, x: (r: Row) => number): Books {
  const sum = (where: (r: Row) => boolean, measure: (r: Row) => number = m) =>
    rows.filter(where).reduce((total, r) => total + measure(r), 0);
  const open = (...statuses: string[]) => sum(is(...statuses), (r) => m(r) - x(r));
  const completed = sum(is('completed')) + sum((r) => !DONE.includes(r.status), x);
  const terminated = sum(is('terminated'));
  const enforcing = open('enforcing');
  const postponed = open('postponed');
  const suspended = open('suspended');
  const withoutConditions = open('no_conditions');
  const entrusted = open('entrusted');
  const withdrawn = open('withdrawn');
  const done = completed + terminated;
  const carriedWithConditions = enforcing + postponed + suspended;
  const withConditions = done + carriedWithConditions;
  const toEnforce = withConditions + withoutConditions;
  return {
    carried_over: sum((r) => r.carried),
    new: sum((r) => !r.carried),
    total: toEnforce + entrusted + withdrawn,
    entrusted,
    withdrawn,
    to_enforce: toEnforce,
    with_conditions: withConditions,
    without_conditions: withoutConditions,
    completed,
    terminated,
    done,
    enforcing,
    postponed,
    suspended,
    carried_to_next: toEnforce - done,
    carried_with_conditions: carriedWithConditions,
    rate: rateOf(done, withConditions),
  };
}

/** done ÷ with conditions in percent, rounded half up to 2 decimals, exactly (integers only). */
export function rateOf(done: number, withConditions: number): number | null {
  if (withConditions <= 0) return null;
  const scaled = (BigInt(done) * 20000n + BigInt(withConditions)) / (2n * BigInt(withConditions));
  return Number(scaled) / 100;
}

/**
 * The cut from `base` to `now` in percent of `base`, rounded half away from zero to 2 decimals,
 * exactly; negative when it grew, null when the base is 0.
 */
export function cutOf(base: number, now: number): number | null {
  if (base <= 0) return null;
  const diff = BigInt(base) - BigInt(now);
  const magnitude = ((diff < 0n ? -diff : diff) * 20000n + BigInt(base)) / (2n * BigInt(base));
  return (diff < 0n ? -Number(magnitude) : Number(magnitude)) / 100;
}

export const emptyBooks = (): Books => toBooks([], () => 0, () => 0);

/** The books of a group without a case. */
export const emptyGroup = (): BooksGroup => ({
  key: null,
  cases: emptyBooks(),
  money: emptyBooks(),
  flagged: 0,
  cutBase: { cases: 0, money: 0 },
  credit: { cases: emptyBooks(), money: emptyBooks() },
  flags: { complaint: 0, complex: 0 },
});
