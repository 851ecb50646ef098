import { addDays, daysBetween, type IsoDate } from '../work-year.ts';
import type { Random } from './random.ts';

/** Offices work Monday to Friday: Saturday moves back to Friday, Sunday on to Monday. */
export function toWeekday(date: IsoDate): IsoDate {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  if (day === 6) return addDays(date, -1);
  if (day === 0) return addDays(date, 1);
  return date;
}

/** The latest weekday on or before `date`. */
export function weekdayOnOrBefore(date: IsoDate): IsoDate {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 6 ? addDays(date, -1) : day === 0 ? addDays(date, -2) : date;
}

export function clampDate(date: IsoDate, from: IsoDate, to: IsoDate): IsoDate {
  if (date < from) return from;
  return date > to ? to : date;
}

/** A weekday between `from` and `to` (both included), never outside them. */
export function randomWorkday(random: Random, from: IsoDate, to: IsoDate): IsoDate {
  const day = addDays(from, random.int(0, Math.max(0, daysBetween(from, to))));
  return clampDate(toWeekday(day), from, to);
}

export function minDate(a: IsoDate, b: IsoDate): IsoDate {
  return a < b ? a : b;
}
