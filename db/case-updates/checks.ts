import { UserError } from '../errors.ts';
import { checkFreeText } from '../text.ts';
import { isOpenStatus } from '../status-rules.ts';
import { isIsoDate, type IsoDate } from '../work-year.ts';
import type { CaseRow } from './state.ts';

/** Longest note or verification remark: a chat message, not a document. */
export const NOTE_MAX_LENGTH = 2000;

/** The caller parses dates, but a malformed one must fail here as the person's error, not in SQL. */
export function checkDate(value: IsoDate): void {
  if (!isIsoDate(value)) throw new UserError('case.bad_date', { value });
}

/** A reported event happened: not after today, not before the case was accepted. */
export function checkEventDate(on: IsoDate, today: IsoDate, row: CaseRow): void {
  checkDate(on);
  if (on > today) throw new UserError('case.date_in_future', { date: on, today });
  if (on < row.acceptedDate) throw new UserError('case.date_before_accepted', { date: on, accepted: row.acceptedDate });
}

/** Money, verifications and deadlines concern cases still in hand. */
export function checkOpen(row: CaseRow): void {
  if (!isOpenStatus(row.status)) throw new UserError('case.closed', { case: row.code, status: row.status });
}

/** Trimmed free text of 1..NOTE_MAX_LENGTH characters (counted as people count them). */
export function checkText(text: string): string {
  return checkFreeText(text, NOTE_MAX_LENGTH, { empty: 'case.note_empty', tooLong: 'case.note_too_long' });
}
