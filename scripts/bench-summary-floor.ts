/**
 * The floor of the summary bench: one hand-written SQL aggregate computing a summary's core
 * figures — total accepted, with conditions and done, by cases and by money — over the same rows
 * getSummary reads (a unit's subtree, the cases in the work year's books on `at`, their
 * collections). What the database needs at least to answer "how is this unit doing"; getSummary
 * computes much more (every column, the same period last year, carried cuts, overdue, credit).
 *
 * It reads a case's status on a date from its mirror (status, status_date) alone, which is exact
 * when a case changed status at most once, as in the national set (checked before use).
 */
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/client.ts';
import type { Summary } from '../db/numbers/types.ts';
import { type IsoDate, workYearOf, workYearStart } from '../db/work-year.ts';

export interface CoreFigures {
  cases_total: number;
  cases_with_conditions: number;
  cases_done: number;
  money_total: number;
  money_with_conditions: number;
  money_done: number;
}

/** The same figures from a summary, to compare. */
export const coreOf = (s: Summary): CoreFigures => ({
  cases_total: s.cases.total,
  cases_with_conditions: s.cases.with_conditions,
  cases_done: s.cases.done,
  money_total: s.money.total,
  money_with_conditions: s.money.with_conditions,
  money_done: s.money.done,
});

/**
 * Money per case, as CONTRACT.md's books: `m` what it owed on the year's first day (its amount
 * less what was collected before, when carried over), `x` what was collected in the year up to
 * `at`, at most `m`. Total is Σm; with conditions is Σm of those with conditions plus the x of the
 * others (collected money counts as done); done is Σm of the done plus Σx of the rest.
 */
export async function coreFiguresFloor(db: Db, unitCode: string, at: IsoDate): Promise<CoreFigures> {
  const from = workYearStart(workYearOf(at));
  const [row] = await queryRows<Record<keyof CoreFigures, string>>(
    db,
    sql`
    with u as (
      select id from units where code = ${unitCode}
      union all select c.id from units c join units p on p.id = c.parent_id where p.code = ${unitCode}
    ),
    paid as (
      select case_id, sum(amount) filter (where collected_on < ${from}::date) as before,
             sum(amount) filter (where collected_on >= ${from}::date) as in_year
      from collections where unit_id in (select id from u) and collected_on <= ${at}::date
      group by case_id
    ),
    b as (
      select case when c.status_date <= ${at}::date then c.status else 'enforcing' end as s,
             greatest(c.amount - case when c.accepted_date < ${from}::date then coalesce(p.before, 0) else 0 end, 0) as m,
             coalesce(p.in_year, 0) as y
      from cases c left join paid p on p.case_id = c.id
      where c.unit_id in (select id from u) and c.accepted_date <= ${at}::date
        and (c.accepted_date >= ${from}::date
             or (case when c.status_date < ${from}::date then c.status else 'enforcing' end)
                not in ('completed', 'terminated', 'entrusted', 'withdrawn'))
    )
    select count(*) as cases_total,
           count(*) filter (where s in ('enforcing', 'postponed', 'suspended', 'completed', 'terminated')) as cases_with_conditions,
           count(*) filter (where s in ('completed', 'terminated')) as cases_done,
           coalesce(sum(m), 0) as money_total,
           coalesce(sum(m) filter (where s in ('enforcing', 'postponed', 'suspended', 'completed', 'terminated')), 0)
             + coalesce(sum(least(y, m)) filter (where s in ('no_conditions', 'entrusted', 'withdrawn')), 0) as money_with_conditions,
           coalesce(sum(m) filter (where s in ('completed', 'terminated')), 0)
             + coalesce(sum(least(y, m)) filter (where s not in ('completed', 'terminated')), 0) as money_done
    from b`,
  );
  if (!row) throw new Error('the floor query returned nothing');
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)])) as unknown as CoreFigures;
}

/** Throws, naming each figure that differs, unless the floor and the summary agree. */
export function assertSameFigures(unitCode: string, floor: CoreFigures, summary: CoreFigures): void {
  const differ = (Object.keys(floor) as (keyof CoreFigures)[]).filter((k) => floor[k] !== summary[k]);
  if (differ.length > 0) {
    const detail = differ.map((k) => `${k}: floor ${floor[k]}, getSummary ${summary[k]}`).join('; ');
    throw new Error(`the summary floor does not compute the same numbers as getSummary for ${unitCode}: ${detail}`);
  }
}
