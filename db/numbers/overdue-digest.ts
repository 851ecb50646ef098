import { type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../rows.ts';
import { addDays, type IsoDate } from '../work-year.ts';
import type { NumbersOptions } from './options.ts';
import { approxDueOf, lastCheckOf, type OverdueRow, overdueQuery, reverifyMonthsOf, verificationDue } from './overdue.ts';
import { groupByUnit, type OverdueCaseRef } from './overdue-by-unit.ts';
import type { OverdueReason } from './types.ts';

/** One unit's overdue cases for a daily digest: the counts, and the cases worth listing. */
export interface UnitOverdueDigest {
  total: number;
  /** Cases that broke a time limit due on or after `since`. */
  fresh: number;
  /** Cases whose earliest broken limit fell due before `escalateBefore`. */
  escalated: number;
  /** The fresh ones (up to `listed.fresh`) and the longest overdue (up to `listed.oldest`), most overdue first. */
  cases: OverdueCaseRef[];
}

/**
 * Per reason, "this limit fell due before `day`" over the row `b` of casesAsOf, written as the
 * rules in overdue.ts write "fell due before today": the exact working-day verification due
 * date becomes a cut-off on the decision date, found here.
 */
function dueBefore(day: IsoDate, at: IsoDate, { rules, calendar }: NumbersOptions): Record<OverdueReason, SQL> {
  let cutoff = addDays(day, -(rules.voluntaryDays + rules.verifyDays + 1));
  while (verificationDue(cutoff, rules, calendar) >= day) cutoff = addDays(cutoff, -1);
  // A limit in months ending on a day off ends on the next working day (see ruleConditions in overdue.ts).
  const endedBy = calendar.workingDayBefore(day);
  return {
    deadline: sql`b.due_date < ${day}::date`,
    verification_late: sql`b.decision_date <= ${cutoff}::date`,
    // Forward, as overdue.ts writes these rules: due = the check (or acceptance) + n months.
    reverification_due: sql`(${lastCheckOf(at)} + make_interval(months => ${reverifyMonthsOf('b', rules)}))::date <= ${endedBy}::date`,
    stale_with_conditions: sql`(b.accepted_date + make_interval(months => ${rules.staleMonths}::int))::date <= ${endedBy}::date`,
  };
}

/** Over the row `b` of an overdue query: some broken limit fell due before `day` (`some`), or on or after it (`fresh`). */
function brokenBefore(day: IsoDate, at: IsoDate, options: NumbersOptions, mode: 'some' | 'fresh'): SQL {
  const before = dueBefore(day, at, options);
  const parts = (Object.keys(before) as OverdueReason[]).map((r) =>
    mode === 'some' ? sql`(b.${sql.identifier(`is_${r}`)} and ${before[r]})` : sql`(b.${sql.identifier(`is_${r}`)} and not (${before[r]}))`,
  );
  return sql.join(parts, sql` or `);
}

/**
 * The daily digest's view of each unit's overdue cases in one query: counts of all, fresh and
 * escalated cases, exact by the same rules as getOverdue, and only the rows worth listing, so a
 * nation of a million cases returns a few thousand rows rather than every overdue case.
 */
export async function getOverdueDigest(
  db: Db,
  unitIds: readonly number[],
  at: IsoDate,
  options: NumbersOptions,
  opts: { since: IsoDate; escalateBefore: IsoDate; listed: { fresh: number; oldest: number } },
): Promise<Map<number, UnitOverdueDigest>> {
  if (unitIds.length === 0) return new Map();
  const q = overdueQuery(unitIds, at, options);
  const order = sql`${approxDueOf(options.rules)}, o.code`;
  const rows = await queryRows<OverdueRow & { unit_id: number; officer_id: number | null; total: number | string; fresh_n: number | string; escalated_n: number | string }>(
    db,
    sql`with b as (${q.base}),
        o as (
          select b.*, ${q.flags}, ${lastCheckOf(at)} as last_check from b where (${q.any})
        ),
        f as (
          select o.*, row_number() over (partition by o.unit_id order by ${order}) as n from o
        ),
        g as (
          -- A rule's flag is null where its date is (no deadline set): such a case is not fresh, not left out.
          select b.*, coalesce((${brokenBefore(opts.since, at, options, 'fresh')}), false) as fresh,
                 coalesce((${brokenBefore(opts.escalateBefore, at, options, 'some')}), false) as escalated
          from f b
        ),
        r as (
          select g.*, row_number() over (partition by g.unit_id, g.fresh order by g.n) as n_in_kind,
                 count(*) over (partition by g.unit_id) as total,
                 count(*) filter (where g.fresh) over (partition by g.unit_id) as fresh_n,
                 count(*) filter (where g.escalated) over (partition by g.unit_id) as escalated_n
          from g
        )
        select r.code, r.unit_id, r.officer_id, r.total, r.fresh_n, r.escalated_n, u.code as unit, s.code as officer,
               s.full_name as officer_name, r.s_at as status, r.accepted_date::text, r.decision_date::text, r.due_date::text,
               r.last_check::text, r.flags, r.amount,
               (select coalesce(sum(p.amount), 0) from collections p
                 where p.case_id = r.id and p.collected_on <= ${at}::date) as collected,
               r.is_deadline, r.is_verification_late, r.is_reverification_due, r.is_stale_with_conditions
        from r join units u on u.id = r.unit_id left join staff s on s.id = r.officer_id
        where (r.fresh and r.n_in_kind <= ${opts.listed.fresh}) or (not r.fresh and r.n_in_kind <= ${opts.listed.oldest})`,
  );
  return groupByUnit(rows, at, options, (row) => ({ total: Number(row.total), fresh: Number(row.fresh_n), escalated: Number(row.escalated_n) }));
}
