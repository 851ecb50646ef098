import type { Db } from '../client.ts';
import { refreshStatusMirror } from '../case-status.ts';
import { UserError } from '../errors.ts';
import { type CaseStatus, caseStatuses, caseStatusHistory } from '../schema.ts';
import { moverOf } from '../status-rules.ts';
import type { IsoDate } from '../work-year.ts';
import { checkDate, checkEventDate } from './checks.ts';
import type { CaseRow } from './state.ts';
import { type Actor, type CaseChange, type WriteContext, updateCase } from './update.ts';

/**
 * Moves a case to another status from a given day, as statusTransitions allows. The history is
 * append-only in time: a change may not predate the current status, or every "as of a date"
 * figure already reported for the days in between would silently change.
 */
export async function changeStatus(
  db: Db,
  caseCode: string,
  input: { status: CaseStatus; on: IsoDate },
  actor: Actor,
  clock: WriteContext,
): Promise<CaseChange> {
  return moveCase(db, caseCode, input, actor, clock, 'case.status');
}

/**
 * Completes a case today (thi hành xong). A money case still owing is refused: the officer
 * records the last collection first, so the money figures and the status agree.
 */
export async function completeCase(db: Db, caseCode: string, actor: Actor, clock: WriteContext): Promise<CaseChange> {
  return moveCase(db, caseCode, { status: 'completed', on: clock.today }, actor, clock, 'case.complete');
}

async function moveCase(
  db: Db,
  caseCode: string,
  input: { status: CaseStatus; on: IsoDate },
  actor: Actor,
  clock: WriteContext,
  action: string,
): Promise<CaseChange> {
  if (!(caseStatuses as readonly string[]).includes(input.status)) {
    throw new UserError('case.unknown_status', { value: input.status, allowed: caseStatuses.join(', ') });
  }
  checkDate(input.on);
  return updateCase(db, caseCode, actor, clock, action, async (tx, row) => {
    checkMove(row, input.status, actor);
    checkEventDate(input.on, clock.today, row);
    if (input.on < row.statusDate) {
      throw new UserError('case.date_before_last_change', { date: input.on, last: row.statusDate, status: row.status });
    }
    await tx.insert(caseStatusHistory).values({
      caseId: row.id,
      status: input.status,
      effectiveDate: input.on,
      source: actor.channel,
      staffId: actor.staffId,
      createdAt: clock.now,
    });
    await refreshStatusMirror(tx, [row.id]);
    return { from: row.status, to: input.status, on: input.on };
  });
}

function checkMove(row: CaseRow, to: CaseStatus, actor: Actor): void {
  const from = row.status;
  if (from === to) throw new UserError('case.same_status', { case: row.code, status: from });
  const mover = moverOf(from, to);
  if (mover === null) throw new UserError('case.transition_not_allowed', { case: row.code, from, to });
  if (mover === 'leader' && !actor.isLeader) throw new UserError('case.transition_leader_only', { case: row.code, from, to });
  // Terminated cases keep their remaining money in the figures; completed ones must owe nothing.
  if (to === 'completed' && row.remaining > 0) {
    throw new UserError('case.complete_unpaid', { case: row.code, remaining: row.remaining });
  }
}
