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

/**
 * The FROM clause of every "as of a date" query: cases `c` of the given units accepted by
 * `at` and still in the books at `from` (accepted in the year, or not closed before it), each
 * with its status `s_at` and that status's date `s_date` as they stood on `at`.
 *
 * cases.status mirrors the latest history row, so the history is read only for cases whose
 * latest change is after `at` (the lateral subquery's parameter-only condition becomes a
 * one-time filter and skips the index scan for the others).
 */
export function casesAsOf(unitIds: readonly number[], from: IsoDate, at: IsoDate): SQL {
  const ids = intArray(unitIds);
  return sql`
    select c.id, c.unit_id, c.officer_id, c.amount, c.accepted_date, c.decision_date, c.verified_on,
           c.due_date, c.code,
           (c.accepted_date < ${from}::date) as carried,
           case when c.status_date <= ${at}::date then c.status else coalesce(h.status, 'enforcing') end as s_at,
           case when c.status_date <= ${at}::date then c.status_date
                else coalesce(h.effective_date, c.accepted_date) end as s_date
    from cases c
    left join lateral (
      select h.status, h.effective_date from case_status_history h
      where c.status_date > ${at}::date and h.case_id = c.id and h.effective_date <= ${at}::date
      order by h.effective_date desc, h.id desc limit 1
    ) h on true
    where c.unit_id = any(${ids}) and c.accepted_date <= ${at}::date
      and (c.accepted_date >= ${from}::date or
           (case when c.status_date < ${from}::date then c.status
                 else coalesce((select h0.status from case_status_history h0
                                where h0.case_id = c.id and h0.effective_date < ${from}::date
                                order by h0.effective_date desc, h0.id desc limit 1), 'enforcing')
            end) not in (${list(CLOSED)}))`;
}
