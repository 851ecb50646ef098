import { and, eq, inArray, sql } from 'drizzle-orm';
import { canUpdateCase, isLeader } from './access.ts';
import { OPEN } from './numbers/case-state.ts';
import { getOverdue } from './numbers/overdue.ts';
import { type CaseStatus, cases, collections } from './schema.ts';
import type { IsoDate } from './work-year.ts';
import type { Db } from './client.ts';
import type { Person } from './identity.ts';
import type { NumbersOptions } from './numbers/options.ts';

/** An open case as a caseload list shows it. */
export interface ListedCase {
  code: string;
  unitId: number;
  officerId: number | null;
  status: CaseStatus;
  dueDate: IsoDate | null;
  acceptedDate: IsoDate;
  remaining: number;
  /** Days past the earliest overdue rule (db/numbers/overdue.ts), when it is overdue. */
  daysOverdue: number | null;
}

/** How many overdue cases are fetched to order the list: more than one screen ever shows. */
const OVERDUE_LOOKED_AT = 50;

/**
 * The open cases a person reports on (the cases canUpdateCase lets them touch): an officer's
 * own, all of their unit's for a leader. Ordered as a working day goes: the leader's
 * deadlines soonest first, then the most overdue, then the oldest. The query narrows to the
 * person's unit for speed; db/access.ts still has the last word on every row.
 */
export async function listReportableCases(
  db: Db,
  person: Person,
  today: IsoDate,
  numbers: NumbersOptions,
): Promise<ListedCase[]> {
  const leader = isLeader(person);
  const [rows, overdue] = await Promise.all([
    db
      .select({
        code: cases.code,
        unitId: cases.unitId,
        officerId: cases.officerId,
        status: cases.status,
        dueDate: cases.dueDate,
        acceptedDate: cases.acceptedDate,
        amount: cases.amount,
        collected: sql<number>`coalesce(sum(${collections.amount}), 0)::bigint`.mapWith(Number),
      })
      .from(cases)
      .leftJoin(collections, eq(collections.caseId, cases.id))
      .where(
        and(
          eq(cases.unitId, person.unitId),
          inArray(cases.status, [...OPEN]),
          leader ? undefined : eq(cases.officerId, person.staffId),
        ),
      )
      .groupBy(cases.id),
    // A province-level unit's overdue list spans the whole province, whose local cases its
    // leaders do not report on: not worth computing just to order a few rows.
    person.unitKind === 'province'
      ? { cases: [] }
      : getOverdue(db, person.unitCode, today, numbers, {
          limit: OVERDUE_LOOKED_AT,
          officerId: leader ? undefined : person.staffId,
        }),
  ]);
  const days = new Map(overdue.cases.map((c) => [c.code, c.days_overdue]));
  return rows
    .filter((row) => canUpdateCase(person, row))
    .map(({ amount, collected, ...row }) => ({
      ...row,
      remaining: Math.max(amount - collected, 0),
      daysOverdue: days.get(row.code) ?? null,
    }))
    .sort(byUrgency);
}

function byUrgency(a: ListedCase, b: ListedCase): number {
  if (a.dueDate !== b.dueDate) {
    if (a.dueDate === null) return 1;
    if (b.dueDate === null) return -1;
    return a.dueDate < b.dueDate ? -1 : 1;
  }
  const overdueA = a.daysOverdue ?? -1;
  const overdueB = b.daysOverdue ?? -1;
  if (overdueA !== overdueB) return overdueB - overdueA;
  return a.acceptedDate.localeCompare(b.acceptedDate) || a.code.localeCompare(b.code);
}

/** The decision numbers (số quyết định) of a unit's open cases, by case code: what a case picker also searches. */
export async function openDecisionNumbers(db: Db, unitId: number): Promise<Map<string, string>> {
  const rows = await db
    .select({ code: cases.code, decisionNo: cases.decisionNo })
    .from(cases)
    .where(and(eq(cases.unitId, unitId), inArray(cases.status, [...OPEN])));
  return new Map(rows.map((r) => [r.code, r.decisionNo]));
}
