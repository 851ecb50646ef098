import { type SQL, sql } from 'drizzle-orm';
import { idArray } from '../sql-arrays.ts';
import type { IsoDate } from '../work-year.ts';

/** Statuses that put a case in the "with conditions" column (done ones included). */
export const WITH_CONDITIONS = ['enforcing', 'postponed', 'suspended', 'completed', 'terminated'] as const;
/** Statuses of a case still in hand at a date. */
export const OPEN = ['enforcing', 'postponed', 'suspended', 'no_conditions'] as const;
const CLOSED = ['completed', 'terminated', 'entrusted', 'withdrawn'] as const;
/** With conditions and not done: what is carried to next period with conditions. */
const CARRIED_WITH_CONDITIONS = ['enforcing', 'postponed', 'suspended'] as const;

export const list = (values: readonly string[]): SQL => sql.join(values.map((v) => sql`${v}`), sql`, `);

/** From the latest history row of case `c` whose date compares with `date` as `cmp` says. */
const historyAt = (column: 'status' | 'effective_date', cmp: SQL, date: IsoDate) => sql`(
  select h.${sql.raw(column)} from case_status_history h
  where h.case_id = c.id and h.effective_date ${cmp} ${date}::date
  order by h.effective_date desc, h.id desc limit 1)`;

/**
 * Case `c`'s status (or that status's date) on `date`, or just before it when `strict`. The
 * mirror on cases holds the last two changes, so the history table is read only for a case
 * changed twice since `date`; the subquery sits in the last CASE branch, evaluated only when taken.
 */
function statusOn(column: 'status' | 'effective_date', date: IsoDate, strict = false): SQL {
  const cmp = sql.raw(strict ? '<' : '<=');
  const [current, previous, initial] =
    column === 'status'
      ? [sql`c.status`, sql`c.prev_status`, sql`'enforcing'`]
      : [sql`c.status_date`, sql`c.prev_status_date`, sql`c.accepted_date`];
  return sql`case when c.status_date ${cmp} ${date}::date then ${current}
                  when c.prev_status_date is null then ${initial}
                  when c.prev_status_date ${cmp} ${date}::date then ${previous}
                  else coalesce(${historyAt(column, cmp, date)}, ${initial}) end`;
}

/**
 * The rows of every "as of a date" query: cases `c` of the given units accepted by `at` and
 * still in the books at `from` (accepted in the year, or not closed just before it), each with
 * its status `s_at` and that status's date `s_date` as they stood on `at`.
 *
 * Given `previousFrom`, the start of the work year before, `in_cut_base` also says whether the
 * case was with conditions and not done on the day before `from` in that year's books (carried
 * into it, or accepted in it): the base of the carried cuts. Such a case is carried over into
 * this year, so the base comes from this same pass over the cases.
 */
export function casesAsOf(unitIds: readonly number[], from: IsoDate, at: IsoDate, previousFrom?: IsoDate): SQL {
  const inCutBase = previousFrom
    ? sql`case when c.accepted_date >= ${from}::date then false
               when ${statusOn('status', from, true)} not in (${list(CARRIED_WITH_CONDITIONS)}) then false
               when c.accepted_date >= ${previousFrom}::date then true
               else ${statusOn('status', previousFrom, true)} not in (${list(CLOSED)}) end`
    : sql`false`;
  return sql`
    select c.id, c.unit_id, c.officer_id, c.amount, c.accepted_date, c.decision_date, c.verified_on,
           c.due_date, c.code, c.flags,
           (c.accepted_date < ${from}::date) as carried,
           ${statusOn('status', at)} as s_at,
           ${statusOn('effective_date', at)} as s_date,
           ${inCutBase} as in_cut_base
    from cases c
    where c.unit_id = any(${idArray(unitIds)}) and c.accepted_date <= ${at}::date
      and (c.accepted_date >= ${from}::date or ${statusOn('status', from, true)} not in (${list(CLOSED)}))`;
}
