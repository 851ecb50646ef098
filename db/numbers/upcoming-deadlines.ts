import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../rows.ts';
import { addDays, type IsoDate, workYearOf, workYearStart } from '../work-year.ts';
import { casesAsOf, list, OPEN } from './case-state.ts';
import type { NumbersOptions } from './options.ts';
import { verificationDue } from './overdue.ts';

/** A time limit falling due soon: a leader's deadline, or the verification of conditions. */
export interface UpcomingDeadline {
  code: string;
  kind: 'deadline' | 'verification';
  due: IsoDate;
  officerId: number | null;
  officerName: string | null;
}

/** The decision dates whose verification falls due between `first` and `last` (it grows with the decision date). */
function decisionRange(first: IsoDate, last: IsoDate, { rules, calendar }: NumbersOptions): [IsoDate, IsoDate] | null {
  const span = rules.voluntaryDays + rules.verifyDays + rules.notifyWorkingDays * 3 + 30;
  let low: IsoDate | null = null;
  let high: IsoDate | null = null;
  for (let d = addDays(first, -span); d <= last; d = addDays(d, 1)) {
    const due = verificationDue(d, rules, calendar);
    if (due >= first && due <= last) {
      low ??= d;
      high = d;
    }
  }
  return low && high ? [low, high] : null;
}

/**
 * Per unit, the open cases whose leader's deadline or verification falls due from `first` to
 * `last` (not yet overdue on `first`), soonest first, at most `perUnit` listed, with the number
 * of cases (a case with two time limits due is listed twice, counted once).
 */
export async function getUpcomingDeadlines(
  db: Db,
  unitIds: readonly number[],
  first: IsoDate,
  last: IsoDate,
  options: NumbersOptions,
  perUnit = 10,
): Promise<Map<number, { total: number; items: UpcomingDeadline[] }>> {
  const result = new Map<number, { total: number; items: UpcomingDeadline[] }>();
  if (unitIds.length === 0) return result;
  const range = decisionRange(first, last, options);
  const verifying = range
    ? sql`b.s_at = 'enforcing' and (b.verified_on is null or b.verified_on > ${first}::date)
          and b.decision_date between ${range[0]}::date and ${range[1]}::date`
    : sql`false`;
  const rows = await queryRows<{ unit_id: number; code: string; kind: 'deadline' | 'verification'; due: string | null; decision_date: string; officer_id: number | null; officer_name: string | null; n: number | string; total: number | string }>(
    db,
    // `b` is read once and the first test is on plain columns, so PostgreSQL filters the cases
    // as it scans them rather than working out the status of every one.
    sql`with b as (${casesAsOf(unitIds, workYearStart(workYearOf(first)), first)}),
        d as (
          select b.unit_id, b.code, b.officer_id, k.kind, k.due, b.decision_date
          from b cross join lateral (values ('deadline', b.due_date), ('verification', null::date)) k(kind, due)
          where (b.due_date between ${first}::date and ${last}::date or ${range ? sql`b.decision_date between ${range[0]}::date and ${range[1]}::date` : sql`false`})
            and ((k.kind = 'deadline' and b.s_at in (${list(OPEN)}) and b.due_date between ${first}::date and ${last}::date)
                 or (k.kind = 'verification' and ${verifying}))
        ),
        ranked as (
          select d.*, row_number() over (partition by d.unit_id order by coalesce(d.due, d.decision_date + ${options.rules.notifyWorkingDays + options.rules.voluntaryDays + options.rules.verifyDays}::int), d.code) as n,
                 dense_rank() over (partition by d.unit_id order by d.code) as case_rank
          from d
        ),
        -- The count is of cases: one with both a deadline and a verification due counts once.
        r as (select ranked.*, max(case_rank) over (partition by ranked.unit_id) as total from ranked)
        select r.unit_id, r.code, r.kind, r.due::text, r.decision_date::text, r.officer_id, s.full_name as officer_name, r.n, r.total
        from r left join staff s on s.id = r.officer_id
        where r.n <= ${perUnit}`,
  );
  for (const row of rows) {
    const unitId = Number(row.unit_id);
    const entry = result.get(unitId) ?? { total: Number(row.total), items: [] };
    entry.items.push({
      code: row.code,
      kind: row.kind,
      due: row.due ?? verificationDue(row.decision_date, options.rules, options.calendar),
      officerId: row.officer_id === null ? null : Number(row.officer_id),
      officerName: row.officer_name,
    });
    result.set(unitId, entry);
  }
  for (const entry of result.values()) entry.items.sort((a, b) => a.due.localeCompare(b.due) || a.code.localeCompare(b.code));
  return result;
}
