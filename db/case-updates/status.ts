import type { Db } from '../client.ts';
import { refreshStatusMirror } from '../case-status.ts';
import { UserError } from '../errors.ts';
import { type CaseStatus, caseStatuses, caseStatusHistory } from '../schema.ts';
import type { IsoDate } from '../work-year.ts';
import { checkDate, checkEventDate } from './checks.ts';
import { moveRefusal } from './report.ts';
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
    const refusal = moveRefusal(row, input.status, actor.isLeader);
    if (refusal) throw refusal;
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
