import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../rows.ts';
import type { IsoDate } from '../work-year.ts';
import type { NumbersOptions } from './options.ts';
import { approxDueOf, lastCheckOf, type OverdueRow, overdueQuery, toOverdueCase } from './overdue.ts';
import type { OverdueCase } from './types.ts';

/** An overdue case with the ids a job needs to address people about it. */
export interface OverdueCaseRef extends OverdueCase {
  unitId: number;
  officerId: number | null;
}

/** One unit's overdue cases: how many in all, and the listed ones, most overdue first. */
export interface UnitOverdue {
  total: number;
  cases: OverdueCaseRef[];
}

/**
 * The overdue cases of each of the given units (own cases only, not their subtrees), the same as
 * getOverdue unit by unit but in one query: at most `perUnit` listed per unit, the longest
 * overdue first; all of them without `perUnit`. Units with none are absent from the map.
 */
export async function getOverdueByUnit(
  db: Db,
  unitIds: readonly number[],
  at: IsoDate,
  options: NumbersOptions,
  perUnit?: number,
): Promise<Map<number, UnitOverdue>> {
  if (unitIds.length === 0) return new Map();
  const q = overdueQuery(unitIds, at, options);
  const rows = await queryRows<OverdueRow & { unit_id: number; officer_id: number | null; total: number | string }>(
    db,
    sql`with b as (${q.base}),
        o as (
          select b.*, ${q.flags}, ${lastCheckOf(at)} as last_check from b where (${q.any})
        ),
        r as (
          select o.*, row_number() over (partition by o.unit_id order by ${approxDueOf(options.rules)}, o.code) as n,
                 count(*) over (partition by o.unit_id) as total
          from o
        )
        select r.code, r.unit_id, r.officer_id, r.total, u.code as unit, s.code as officer, s.full_name as officer_name,
               r.s_at as status, r.accepted_date::text, r.decision_date::text, r.due_date::text, r.last_check::text, r.flags, r.amount,
               (select coalesce(sum(p.amount), 0) from collections p
                 where p.case_id = r.id and p.collected_on <= ${at}::date) as collected,
               r.is_deadline, r.is_verification_late, r.is_reverification_due, r.is_stale_with_conditions
        from r join units u on u.id = r.unit_id left join staff s on s.id = r.officer_id
        where ${perUnit === undefined ? sql`true` : sql`r.n <= ${perUnit}`}`,
  );
  return groupByUnit(rows, at, options, (row) => ({ total: Number(row.total) }));
}

/**
 * Rows of a batched overdue query as a map by unit: each unit's entry (its counts, from the
 * unit's first row) with its cases, most overdue first.
 */
export function groupByUnit<R extends OverdueRow & { unit_id: number; officer_id: number | null }, E extends object>(
  rows: readonly R[],
  at: IsoDate,
  options: NumbersOptions,
  countsOf: (row: R) => E,
): Map<number, E & { cases: OverdueCaseRef[] }> {
  const result = new Map<number, E & { cases: OverdueCaseRef[] }>();
  for (const row of rows) {
    const unitId = Number(row.unit_id);
    const entry = result.get(unitId) ?? { ...countsOf(row), cases: [] as OverdueCaseRef[] };
    const officerId = row.officer_id === null ? null : Number(row.officer_id);
    entry.cases.push({ ...toOverdueCase(row, at, options), unitId, officerId });
    result.set(unitId, entry);
  }
  for (const entry of result.values()) {
    entry.cases.sort((a, b) => b.days_overdue - a.days_overdue || a.code.localeCompare(b.code));
  }
  return result;
}
