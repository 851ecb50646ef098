import { type SQL, sql } from 'drizzle-orm';
import type { Calendar } from '../calendar.ts';
import { type Db, queryRows } from '../rows.ts';
import type { OverdueRules } from '../overdue-rules.ts';
import { getUnitSubtree } from '../units.ts';
import { addDays, addMonths, daysBetween, type IsoDate, workYearOf, workYearStart } from '../work-year.ts';
import { casesAsOf, list, OPEN } from './case-state.ts';
import { getOverdueFindings } from './overdue-findings.ts';
import type { NumbersOptions } from './options.ts';
import type { OverdueCase, OverdueReason, OverdueReport } from './types.ts';

/**
 * The day a case's verification falls due: notification (working days), the voluntary period
 * (calendar days, Article 45), then verification (calendar days from the end of the voluntary
 * period, Article 44). Each calendar-day period that ends on a day off ends on the next working day.
 */
export function verificationDue(decisionDate: IsoDate, rules: OverdueRules, calendar: Calendar): IsoDate {
  const notified = calendar.addWorkingDays(decisionDate, rules.notifyWorkingDays);
  const voluntaryEnds = calendar.nextWorkingDay(addDays(notified, rules.voluntaryDays));
  return calendar.nextWorkingDay(addDays(voluntaryEnds, rules.verifyDays));
}

/** The due day of a limit of `months` from `from`: months added forward, a day off moved to the next working day. */
export const monthsLimitDue = (from: IsoDate, months: number, calendar: Calendar): IsoDate =>
  calendar.nextWorkingDay(addMonths(from, months));

/** Flags that make re-verification of a case without conditions yearly (Article 44): prison term, unknown address. */
export const YEARLY_REVERIFY_FLAGS = ['prison', 'unknown_address'] as const;

/** The re-verification period in months of the case row `t` (b of casesAsOf, or a row built on it). */
export const reverifyMonthsOf = (t: 'b' | 'o', rules: OverdueRules) =>
  sql`(case when ${sql.raw(t)}.flags && array[${list(YEARLY_REVERIFY_FLAGS)}]::text[]
            then ${rules.reverifyFlaggedMonths}::int else ${rules.reverifyMonths}::int end)`;

/** The re-verification period in months of a case with these flags. */
export const reverifyMonthsFor = (flags: readonly string[], rules: OverdueRules) =>
  flags.some((f) => (YEARLY_REVERIFY_FLAGS as readonly string[]).includes(f)) ? rules.reverifyFlaggedMonths : rules.reverifyMonths;

/** The last time a case without conditions was looked at: its verification, or its decision. */
export const lastCheckOf = (at: IsoDate) => sql`greatest(case when b.verified_on <= ${at}::date then b.verified_on end, b.s_date)`;

/**
 * Each rule as a SQL condition over the row `b` of casesAsOf. Working days cannot be counted in
 * SQL, so the verification rule becomes a cut-off on the decision date, found here: the latest
 * decision date whose verification fell due before `at` (the due date grows with the decision date).
 * A limit in months that ends on a day off ends on the next working day, so it ended before `at`
 * exactly when its calendar end is on or before the last working day before `at` (`endedBy`).
 */
function ruleConditions(at: IsoDate, { rules, calendar }: NumbersOptions): Record<OverdueReason, SQL> {
  let cutoff = addDays(at, -(rules.voluntaryDays + rules.verifyDays + 1));
  while (verificationDue(cutoff, rules, calendar) >= at) cutoff = addDays(cutoff, -1);
  const endedBy = calendar.workingDayBefore(at);
  const lastCheck = lastCheckOf(at);
  return {
    deadline: sql`b.due_date < ${at}::date and b.s_at in (${list(OPEN)})`,
    verification_late: sql`b.s_at = 'enforcing' and (b.verified_on is null or b.verified_on > ${at}::date)
                           and b.decision_date <= ${cutoff}::date`,
    // Months are added forward, as the due day is computed (toOverdueCase): at a month's end,
    // "six months before today" and "six months after the check" are not the same day.
    reverification_due: sql`b.s_at = 'no_conditions'
                            and (${lastCheck} + make_interval(months => ${reverifyMonthsOf('b', rules)}))::date <= ${endedBy}::date`,
    // Only a case being enforced: a postponed or suspended one is legally paused (Articles 48, 49).
    stale_with_conditions: sql`b.s_at = 'enforcing'
                               and (b.accepted_date + make_interval(months => ${rules.staleMonths}::int))::date <= ${endedBy}::date`,
  };
}

/** Only one officer's cases when an id is given (an officer sees their own overdue cases). */
const ofOfficer = (officerId: number | undefined) => (officerId === undefined ? sql`true` : sql`b.officer_id = ${officerId}`);

/** The condition "overdue on `at`" over the row `b` of casesAsOf, for counting alongside other numbers. */
export function overdueCondition(at: IsoDate, options: NumbersOptions): SQL {
  return sql.join(Object.values(ruleConditions(at, options)).map((c) => sql`(${c})`), sql` or `);
}

/** The rows, the per-rule flags and the any-rule condition of an overdue query (shared with the batched queries). */
export function overdueQuery(unitIds: readonly number[], at: IsoDate, options: NumbersOptions) {
  const flags = sql.join(
    Object.entries(ruleConditions(at, options)).map(([name, c]) => sql`(${c}) as ${sql.identifier(`is_${name}`)}`),
    sql`, `,
  );
  const from = workYearStart(workYearOf(at));
  return { base: casesAsOf(unitIds, from, at), any: overdueCondition(at, options), flags };
}

/** How many cases of these units are overdue on `at` under the rules. */
export async function countOverdue(
  db: Db,
  unitIds: readonly number[],
  at: IsoDate,
  options: NumbersOptions,
  officerId?: number,
): Promise<number> {
  if (unitIds.length === 0) return 0;
  const q = overdueQuery(unitIds, at, options);
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`with b as (${q.base}) select count(*)::int as n from b where (${q.any}) and ${ofOfficer(officerId)}`,
  );
  return Number(row?.n ?? 0);
}

/**
 * An approximate earliest due date over the row `o` of an overdue query (working days counted
 * as calendar days), to order by; the exact dates are computed by toOverdueCase.
 */
export function approxDueOf(rules: OverdueRules): SQL {
  return sql`least(
      case when o.is_deadline then o.due_date end,
      case when o.is_verification_late
           then o.decision_date + ${rules.notifyWorkingDays + rules.voluntaryDays + rules.verifyDays}::int end,
      case when o.is_reverification_due
           then (o.last_check + make_interval(months => ${reverifyMonthsOf('o', rules)}))::date end,
      case when o.is_stale_with_conditions
           then (o.accepted_date + make_interval(months => ${rules.staleMonths}::int))::date end)`;
}

export interface OverdueRow {
  code: string;
  unit: string;
  officer: string | null;
  officer_name: string | null;
  status: string;
  accepted_date: string;
  decision_date: string;
  due_date: string | null;
  last_check: string;
  flags: string[];
  amount: string | number;
  collected: string | number;
  is_deadline: boolean;
  is_verification_late: boolean;
  is_reverification_due: boolean;
  is_stale_with_conditions: boolean;
}

/**
 * Overdue cases (most overdue first, up to `limit`; one officer's only with `officerId`) and
 * overdue inspection findings of a unit's subtree.
 */
export async function getOverdue(
  db: Db,
  unitCode: string,
  at: IsoDate,
  options: NumbersOptions,
  list_: { limit?: number; officerId?: number } = {},
): Promise<OverdueReport> {
  const { unit, unitIds } = await getUnitSubtree(db, unitCode);
  const { rules } = options;
  const q = overdueQuery(unitIds, at, options);
  const approxDue = approxDueOf(rules);
  const [rows, total, findings] = await Promise.all([
    queryRows<OverdueRow>(
      db,
      sql`with b as (${q.base}),
          o as (
            select b.*, ${q.flags},
                   ${lastCheckOf(at)} as last_check
            from b where (${q.any}) and ${ofOfficer(list_.officerId)}
          )
          select o.code, u.code as unit, s.code as officer, s.full_name as officer_name, o.s_at as status,
                 o.accepted_date::text, o.decision_date::text, o.due_date::text, o.last_check::text, o.flags, o.amount,
                 (select coalesce(sum(p.amount), 0) from collections p
                   where p.case_id = o.id and p.collected_on <= ${at}::date) as collected,
                 o.is_deadline, o.is_verification_late, o.is_reverification_due, o.is_stale_with_conditions
          from o join units u on u.id = o.unit_id left join staff s on s.id = o.officer_id
          order by ${approxDue}, o.code
          limit ${list_.limit ?? 50}`,
    ),
    countOverdue(db, unitIds, at, options, list_.officerId),
    getOverdueFindings(db, unitIds, at),
  ]);
  const cases = rows.map((r) => toOverdueCase(r, at, options)).sort((a, b) => b.days_overdue - a.days_overdue || a.code.localeCompare(b.code));
  return { unit: unit.code, name: unit.name, at, total_cases: total, cases, findings };
}

/** A row of the overdue query as an OverdueCase, with each broken limit's exact due day. */
export function toOverdueCase(r: OverdueRow, at: IsoDate, { rules, calendar }: NumbersOptions): OverdueCase {
  const reasons: OverdueCase['reasons'] = [];
  if (r.is_deadline && r.due_date) reasons.push({ reason: 'deadline', due: r.due_date });
  if (r.is_verification_late) reasons.push({ reason: 'verification_late', due: verificationDue(r.decision_date, rules, calendar) });
  if (r.is_reverification_due) {
    const months = reverifyMonthsFor(r.flags, rules);
    reasons.push({ reason: 'reverification_due', due: monthsLimitDue(r.last_check, months, calendar), months });
  }
  if (r.is_stale_with_conditions) {
    reasons.push({ reason: 'stale_with_conditions', due: monthsLimitDue(r.accepted_date, rules.staleMonths, calendar), months: rules.staleMonths });
  }
  reasons.sort((a, b) => a.due.localeCompare(b.due));
  const amount = Number(r.amount);
  return {
    code: r.code,
    unit: r.unit,
    officer: r.officer,
    officer_name: r.officer_name,
    status: r.status,
    accepted_date: r.accepted_date,
    amount,
    remaining: Math.max(amount - Number(r.collected), 0),
    reasons,
    days_overdue: reasons[0] ? daysBetween(reasons[0].due, at) : 0,
  };
}
