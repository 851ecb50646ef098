import { desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { UserError } from '../errors.ts';
import { type CaseStatus, cases, collections } from '../schema.ts';
import type { IsoDate } from '../work-year.ts';

/** A case as a progress report sees it; money in whole VND. */
export interface CaseState {
  code: string;
  unitId: number;
  officerId: number | null;
  amount: number;
  collected: number;
  /** What is still owed: amount less every collection, never below zero. */
  remaining: number;
  status: CaseStatus;
  statusDate: IsoDate;
  verifiedOn: IsoDate | null;
  dueDate: IsoDate | null;
}

/** The state plus what the writers need but callers do not. */
export interface CaseRow extends CaseState {
  id: number;
  acceptedDate: IsoDate;
}

const columns = {
  id: cases.id,
  code: cases.code,
  unitId: cases.unitId,
  officerId: cases.officerId,
  amount: cases.amount,
  status: cases.status,
  statusDate: cases.statusDate,
  verifiedOn: cases.verifiedOn,
  dueDate: cases.dueDate,
  acceptedDate: cases.acceptedDate,
};

/**
 * Codes are upper case (BH-DS-2026-0001) but typed on phones: the exact spelling wins, else the
 * upper-case one. An IN list of two keeps the unique index usable, unlike upper(code).
 */
function byCode(caseCode: string) {
  const typed = caseCode.trim();
  return { where: inArray(cases.code, [...new Set([typed, typed.toUpperCase()])]), exactFirst: desc(sql`${cases.code} = ${typed}`) };
}

/** The current state of a case, or a UserError `case_not_found`. */
export async function getCaseState(db: Db, caseCode: string): Promise<CaseState> {
  return stateOf(await readCase(db, caseCode, false));
}

/**
 * Reads a case; with `lock`, inside a transaction, holds its row until commit. The lock comes
 * first and the money is summed in a second statement on purpose: under READ COMMITTED a
 * statement sees what was committed when it started, so a sum taken in the locking statement
 * would miss a collection whose transaction we waited for, and two payments could both pass
 * the "not more than owed" check.
 */
export async function readCase(db: Db, caseCode: string, lock: boolean): Promise<CaseRow> {
  const { where, exactFirst } = byCode(caseCode);
  const query = db.select(columns).from(cases).where(where).orderBy(exactFirst).limit(1);
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw new UserError('case_not_found', { case: caseCode });
  const [money] = await db
    .select({ collected: sql<number>`coalesce(sum(${collections.amount}), 0)::bigint`.mapWith(Number) })
    .from(collections)
    .where(eq(collections.caseId, row.id));
  const collected = money?.collected ?? 0;
  return { ...row, collected, remaining: Math.max(row.amount - collected, 0) };
}

/** The public part of a row, as audit details and return values carry it. */
export function stateOf(row: CaseRow): CaseState {
  const { id: _, acceptedDate: __, ...state } = row;
  return state;
}
