import { addDays, type IsoDate } from '../../db/work-year.ts';

/** The ISO 8601 week of a date: weeks start on Monday, week 1 holds the year's first Thursday. */
export function isoWeekOf(date: IsoDate): { year: number; week: number } {
  const day = new Date(`${date}T00:00:00Z`);
  const weekday = day.getUTCDay() || 7;
  // The Thursday of the same week decides the year the week belongs to.
  const thursday = new Date(day.getTime() + (4 - weekday) * 86_400_000);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * 86_400_000)) + 1;
  return { year, week };
}

/** The ISO week as a period key: `2026-W48`. */
export function isoWeekKey(date: IsoDate): string {
  const { year, week } = isoWeekOf(date);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The Monday of the (ISO) week holding `date`. */
export function mondayOf(date: IsoDate): IsoDate {
  return addDays(date, 1 - (new Date(`${date}T00:00:00Z`).getUTCDay() || 7));
}
