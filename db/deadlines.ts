import { addMonths, type IsoDate } from './work-year.ts';

/**
 * A deadline is the next step of a case or a finding, not its whole life: one further ahead is a
 * typing slip (31/12/9999) that would hide it from every overdue list. Chat and import alike.
 */
export const DEADLINE_MAX_YEARS = 5;

/** The latest deadline that may be set on `today`. */
export function latestDeadline(today: IsoDate): IsoDate {
  return addMonths(today, 12 * DEADLINE_MAX_YEARS);
}
