import { eq, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { UserError } from '../errors.ts';
import { cases, notes, verifications } from '../schema.ts';
import { DEADLINE_MAX_YEARS, latestDeadline } from '../deadlines.ts';
import type { IsoDate } from '../work-year.ts';
import { checkDate, checkEventDate, checkOpen, checkText } from './checks.ts';
import { type Actor, type CaseChange, type WriteContext, updateCase } from './update.ts';

/**
 * Records a verification of the debtor's conditions (xác minh) done on a day. cases.verified_on
 * keeps the latest one: a late report of an older verification must not push it back, or
 * the re-verification reminders would fire for a case verified since.
 */
export async function recordVerification(
  db: Db,
  caseCode: string,
  input: { on: IsoDate; note?: string },
  actor: Actor,
  clock: WriteContext,
): Promise<CaseChange> {
  checkDate(input.on);
  const note = input.note === undefined || input.note.trim() === '' ? null : checkText(input.note);
  return updateCase(db, caseCode, actor, clock, 'case.verify', async (tx, row) => {
    checkOpen(row);
    checkEventDate(input.on, clock.today, row);
    const [added] = await tx
      .insert(verifications)
      .values({ caseId: row.id, verifiedOn: input.on, note, staffId: actor.staffId, source: actor.channel, createdAt: clock.now })
      .returning({ id: verifications.id });
    await tx
      .update(cases)
      .set({ verifiedOn: sql`greatest(${cases.verifiedOn}, ${input.on}::date)` })
      .where(eq(cases.id, row.id));
    return { verification_id: added!.id, on: input.on };
  });
}

/**
 * Adds a note to a case, closed ones included (a note may explain the closing). The text is
 * stored exactly as typed: escaping for HTML or Slack mrkdwn is each renderer's job, and text
 * escaped here would show its entities on the other platforms.
 */
export async function addNote(db: Db, caseCode: string, input: { text: string }, actor: Actor, clock: WriteContext): Promise<CaseChange> {
  const body = checkText(input.text);
  return updateCase(db, caseCode, actor, clock, 'case.note', async (tx, row) => {
    const [added] = await tx
      .insert(notes)
      .values({ caseId: row.id, staffId: actor.staffId, body, source: actor.channel, createdAt: clock.now })
      .returning({ id: notes.id });
    // The audit row points at the note rather than copying it: the text lives in one place.
    return { note_id: added!.id, length: [...body].length };
  });
}

/** Sets a leader's deadline (tiến độ cụ thể) on a case still in hand; today is allowed, the past is not. */
export async function setDeadline(db: Db, caseCode: string, input: { due: IsoDate }, actor: Actor, clock: WriteContext): Promise<CaseChange> {
  checkDate(input.due);
  if (input.due < clock.today) throw new UserError('case.deadline_in_past', { due: input.due, today: clock.today });
  const latest = latestDeadline(clock.today);
  if (input.due > latest) throw new UserError('case.deadline_too_far', { due: input.due, years: DEADLINE_MAX_YEARS, latest });
  return updateCase(db, caseCode, actor, clock, 'case.deadline', async (tx, row) => {
    checkOpen(row);
    await tx.update(cases).set({ dueDate: input.due }).where(eq(cases.id, row.id));
    return { due: input.due };
  });
}
