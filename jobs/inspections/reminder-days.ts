import type { Calendar } from '../../db/calendar.ts';
import { addDays, daysBetween, type IsoDate } from '../../db/work-year.ts';

/** A finding is first reminded this many calendar days before its deadline. */
export const SOON_DAYS = 7;
/** Once overdue, it is reminded every this many working days (overdue by 1, 4, 7 … working days). */
export const OVERDUE_EVERY = 3;

/** Working days after `from` up to and including `to` (0 when `to` is not after `from`). */
export function workingDaysBetween(from: IsoDate, to: IsoDate, calendar: Calendar): number {
  let count = 0;
  for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) if (calendar.isWorkingDay(day)) count++;
  return count;
}

/**
 * Whether a finding due on `due` is reminded by the run of `today`, the previous run having been
 * on `since`. Its reminder days are: the day it comes within seven days of its deadline (due − 7),
 * the last working day before the deadline, the deadline itself, and each day it has been overdue
 * 1, 4, 7 … working days. A run reminds it when one of those days fell after the previous run and
 * on or before today, so a reminder day that is a weekend, a holiday or a missed run is caught by
 * the next run, and one run never reminds the same finding twice however many days it catches up.
 */
export function isReminderDue(due: IsoDate, since: IsoDate, today: IsoDate, calendar: Calendar): boolean {
  const inWindow = (day: IsoDate) => since < day && day <= today;
  if (inWindow(addDays(due, -SOON_DAYS)) || inWindow(calendar.workingDayBefore(due)) || inWindow(due)) return true;
  if (today <= due) return false;
  // Overdue by k working days: reminded at k = 1, 4, 7 …; how many of those lie in (since, today]?
  const reminders = (k: number) => Math.floor((k + OVERDUE_EVERY - 1) / OVERDUE_EVERY);
  const before = since > due ? workingDaysBetween(due, since, calendar) : 0;
  return reminders(workingDaysBetween(due, today, calendar)) > reminders(before);
}

/** Where a finding stands on `today`, as a reminder says it. */
export type FindingState =
  | { kind: 'overdue'; workingDays: number }
  | { kind: 'today' }
  | { kind: 'tomorrow' }
  /** Today is the last working day before a deadline after a day off. */
  | { kind: 'last_working_day' }
  | { kind: 'soon'; days: number };

export function findingState(due: IsoDate, today: IsoDate, calendar: Calendar): FindingState {
  if (today > due) return { kind: 'overdue', workingDays: workingDaysBetween(due, today, calendar) };
  const days = daysBetween(today, due);
  if (days === 0) return { kind: 'today' };
  if (days === 1) return { kind: 'tomorrow' };
  if (calendar.workingDayBefore(due) === today) return { kind: 'last_working_day' };
  return { kind: 'soon', days };
}
