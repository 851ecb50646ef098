import { type SQL, sql } from 'drizzle-orm';
import type { IsoDate } from '../work-year.ts';

/** Statuses that put a case in the "with conditions" column (done ones included). */
export const WITH_CONDITIONS = ['enforcing', 'postponed', 'suspended', 'completed', 'terminated'] as const;
/** Statuses of a case still in hand at a date. */
export const OPEN = ['enforcing', 'postponed', 'suspended', 'no_conditions'] as const;
const CLOSED = ['completed', 'terminated', 'entrusted', 'withdrawn'] as const;

/** An int[] parameter (one bind value, however many ids). */
export const intArray = (ids: readonly number[]): SQL => sql`${`{${ids.map((id) => Math.trunc(id)).join(',')}}`}::int[]`;

export const list = (values: readonly string[]): SQL => sql.join(values.map((v) => sql`${v}`), sql`, `);

/** The latest history row of case `c` effective on or before `date` (`strict`: before it). */
const historyAt = (column: 'status' | 'effective_date', date: IsoDate, strict = false) => sql`(
  select h.${sql.raw(column)} from case_status_history h
  where h.case_id = c.id and h.effective_date ${sql.raw(strict ? '<' : '<=')} ${date}::date
  order by h.effective_date desc, h.id desc limit 1)`;

/**
 * The rows of every "as of a date" query: cases `c` of the given units accepted by `at` and
 * still in the books at `from` (accepted in the year, or not closed before it), each with its
 * status `s_at` and that status's date `s_date` as they stood on `at`.
 *
 * cases.status mirrors the latest history row, so the history is read only for the few cases
 * changed after the date in question: the subqueries sit in CASE branches, which PostgreSQL
 * evaluates only when taken.
 */
export function casesAsOf(unitIds: readonly number[], from: IsoDate, at: IsoDate): SQL {
  return sql`
    select c.id, c.unit_id, c.officer_id, c.amount, c.accepted_date, c.decision_date, c.verified_on,
           c.due_date, c.code,
           (c.accepted_date < ${from}::date) as carried,
           case when c.status_date <= ${at}::date then c.status
                else coalesce(${historyAt('status', at)}, 'enforcing') end as s_at,
           case when c.status_date <= ${at}::date then c.status_date
                else coalesce(${historyAt('effective_date', at)}, c.accepted_date) end as s_date
    from cases c
    where c.unit_id = any(${intArray(unitIds)}) and c.accepted_date <= ${at}::date
      and (c.accepted_date >= ${from}::date
           or (c.status_date < ${from}::date and c.status not in (${list(CLOSED)}))
           or (c.status_date >= ${from}::date
               and coalesce(${historyAt('status', from, true)}, 'enforcing') not in (${list(CLOSED)})))`;
}
