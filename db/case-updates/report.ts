import type { Db } from '../client.ts';
import { UserError } from '../errors.ts';
import { type CaseStatus, caseStatuses } from '../schema.ts';
import { isOpenStatus, moverOf } from '../status-rules.ts';
import type { IsoDate } from '../work-year.ts';
import { recordCollection } from './collection.ts';
import { addNote, recordVerification } from './records.ts';
import type { CaseState } from './state.ts';
import { changeStatus, completeCase } from './status.ts';
import type { Actor, CaseChange, WriteContext } from './update.ts';

/**
 * A progress report (`capnhat`), whichever way it was made: typed, step by step, or in a form.
 * The rules a case's state sets for it are here once: the chat asks only what they allow, the
 * form refuses what they rule out, and the writers check them again under the case's lock.
 */
export const REPORT_ACTIONS = ['thu', 'xong', 'trangthai', 'xacminh', 'ghichu'] as const;
export type ReportAction = (typeof REPORT_ACTIONS)[number];

export const isReportAction = (value: unknown): value is ReportAction => (REPORT_ACTIONS as readonly unknown[]).includes(value);
export const isCaseStatus = (value: unknown): value is CaseStatus => (caseStatuses as readonly unknown[]).includes(value);

export interface Report {
  action: ReportAction;
  /** Whole VND, for `thu`. */
  amount?: number;
  /** For `trangthai`. */
  status?: CaseStatus;
  /** The day it happened (a collection, a move, a verification); today for `xong` typed in chat. */
  on: IsoDate;
  /** The note of `ghichu`, the remark of `xacminh`, or a note beside any other report. */
  note?: string;
}

type Where = Pick<CaseState, 'code' | 'status' | 'statusDate' | 'amount' | 'remaining'>;

/** Why money cannot be recorded on this case now (or this amount), if it cannot. */
export function collectionRefusal(state: Where, amount?: number): UserError | undefined {
  if (!isOpenStatus(state.status)) return new UserError('case.closed', { case: state.code, status: state.status });
  if (state.amount === 0) return new UserError('case.no_money', { case: state.code });
  if (state.remaining === 0) return new UserError('cmd.capnhat.nothing_owed', { case: state.code });
  if (amount !== undefined && amount > state.remaining) {
    return new UserError('case.amount_above_remaining', { case: state.code, amount, remaining: state.remaining });
  }
  return undefined;
}

/** Why this person may not move the case to `to`, if they may not (the law's moves, db/status-rules.ts). */
export function moveRefusal(state: Where, to: CaseStatus, isLeader: boolean): UserError | undefined {
  const from = state.status;
  if (from === to) return new UserError('case.same_status', { case: state.code, status: from });
  const mover = moverOf(from, to);
  if (mover === null) return new UserError('case.transition_not_allowed', { case: state.code, from, to });
  if (mover === 'leader' && !isLeader) return new UserError('case.transition_leader_only', { case: state.code, from, to });
  // Terminated cases keep their remaining money in the figures; completed ones must owe nothing.
  if (to === 'completed' && state.remaining > 0) return new UserError('case.complete_unpaid', { case: state.code, remaining: state.remaining });
  return undefined;
}

/** The statuses this person may move the case to now: completion only once nothing is owed. */
export function allowedMoves(state: Where, isLeader: boolean): CaseStatus[] {
  return caseStatuses.filter((to) => moveRefusal(state, to, isLeader) === undefined);
}

/** Everything the case's state rules out for this report, before any write (the writers check again). */
export function reportRefusals(state: Where, report: Omit<Report, 'note'>, who: { isLeader: boolean }): UserError[] {
  const found: UserError[] = [];
  if (report.action === 'thu') {
    const refusal = collectionRefusal(state, report.amount);
    if (refusal) found.push(refusal);
  }
  if (report.action === 'xacminh' && !isOpenStatus(state.status)) found.push(new UserError('case.closed', { case: state.code, status: state.status }));
  const to = report.action === 'xong' ? 'completed' : report.action === 'trangthai' ? report.status : undefined;
  if (to === undefined) return found;
  const refusal = moveRefusal(state, to, who.isLeader);
  if (refusal) found.push(refusal);
  // A day before acceptance or before the last change is the writer's to refuse, in that order.
  return found;
}

/**
 * Records one report through the writers, as `capnhat` makes it; a note written beside another
 * report is kept as a note of the case, in the same transaction when `db` is one.
 */
export async function recordReport(db: Db, caseCode: string, r: Report, actor: Actor, clock: WriteContext): Promise<CaseChange> {
  let change: CaseChange;
  switch (r.action) {
    case 'thu':
      change = await recordCollection(db, caseCode, { amount: r.amount!, on: r.on }, actor, clock);
      break;
    case 'xong':
      // Completed today is `xong`; another day is the status change to completed on that day.
      change = r.on === clock.today ? await completeCase(db, caseCode, actor, clock) : await changeStatus(db, caseCode, { status: 'completed', on: r.on }, actor, clock);
      break;
    case 'trangthai':
      change = await changeStatus(db, caseCode, { status: r.status!, on: r.on }, actor, clock);
      break;
    case 'xacminh':
      return recordVerification(db, caseCode, { on: r.on, note: r.note }, actor, clock);
    case 'ghichu':
      return addNote(db, caseCode, { text: r.note! }, actor, clock);
  }
  if (r.note) {
    const noted = await addNote(db, caseCode, { text: r.note }, actor, clock);
    return { before: change.before, after: noted.after };
  }
  return change;
}
