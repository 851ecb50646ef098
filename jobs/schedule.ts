/**
 * When jobs are due: five-field cron expressions read in TZ_APP, optionally only on working
 * days (no weekends, no Vietnamese public holidays). Pure: no timers, no database, so the Node
 * scheduler, `thads jobs list` and a Workers cron handler all agree on the same slots.
 */
import { type Cron, CronError, parseCron } from './schedule-cron.ts';

export { type Cron, CronError, parseCron };

export interface SlotOptions {
  timeZone: string;
  /** Set for working-days-only jobs: slots on other days do not exist. */
  isWorkingDay?: (isoDate: string) => boolean;
}

/** How far ahead or back a slot is looked for: far beyond any yearly expression. */
const SEARCH_DAYS = 5 * 366;

/** The first slot strictly after `after`, or undefined when none within five years. */
export function nextSlot(expression: string | Cron, after: Date, options: SlotOptions): Date | undefined {
  return findSlot(expression, after, options, 1);
}

/** The latest slot at or before `at`, or undefined when none within five years. */
export function previousSlot(expression: string | Cron, at: Date, options: SlotOptions): Date | undefined {
  return findSlot(expression, at, options, -1);
}

/**
 * The slot to run now, if any: the latest slot at or before `now` that has not run yet
 * (`lastSlot`) and is at most `catchUpMs` late. A server down at 07:30 and up at 09:00 runs
 * the 07:30 slot once; up the next day, it skips it.
 */
export function dueSlot(expression: string | Cron, now: Date, lastSlot: Date | undefined, options: SlotOptions & { catchUpMs: number }): Date | undefined {
  const slot = previousSlot(expression, now, options);
  if (!slot) return undefined;
  if (lastSlot && lastSlot.getTime() >= slot.getTime()) return undefined;
  if (now.getTime() - slot.getTime() > options.catchUpMs) return undefined;
  return slot;
}

function findSlot(expression: string | Cron, from: Date, options: SlotOptions, direction: 1 | -1): Date | undefined {
  const cron = typeof expression === 'string' ? parseCron(expression) : expression;
  const times = [...cron.hours].flatMap((h) => [...cron.minutes].map((m) => h * 60 + m)).sort((a, b) => a - b);
  if (direction === -1) times.reverse();
  const start = localDate(from, options.timeZone);
  for (let k = 0; k <= SEARCH_DAYS; k++) {
    const day = new Date(Date.UTC(start.year, start.month - 1, start.day + direction * k));
    if (!matchesDay(cron, day)) continue;
    const iso = day.toISOString().slice(0, 10);
    if (options.isWorkingDay && !options.isWorkingDay(iso)) continue;
    for (const minuteOfDay of times) {
      const instant = zonedInstant(day, minuteOfDay, options.timeZone);
      if (direction === 1 ? instant.getTime() > from.getTime() : instant.getTime() <= from.getTime()) return instant;
    }
  }
  return undefined;
}

/** Cron's day rule: with both day-of-month and day-of-week restricted, either may match. */
function matchesDay(cron: Cron, day: Date): boolean {
  if (!cron.months.has(day.getUTCMonth() + 1)) return false;
  const dom = cron.daysOfMonth.has(day.getUTCDate());
  const dow = cron.daysOfWeek.has(day.getUTCDay());
  if (cron.anyDayOfMonth) return dow;
  if (cron.anyDayOfWeek) return dom;
  return dom || dow;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function partsIn(instant: Date, timeZone: string): Record<string, number> {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  const parts: Record<string, number> = {};
  for (const p of formatter.formatToParts(instant)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return parts;
}

/** The calendar date of `instant` in the time zone. */
export function localDate(instant: Date, timeZone: string): { year: number; month: number; day: number } {
  const p = partsIn(instant, timeZone);
  return { year: p.year!, month: p.month!, day: p.day! };
}

/** The instant at which the zone's clock shows `day` (a UTC-midnight date) plus `minuteOfDay`. */
function zonedInstant(day: Date, minuteOfDay: number, timeZone: string): Date {
  const wall = day.getTime() + minuteOfDay * 60_000;
  const offsetAt = (instant: number) => {
    const p = partsIn(new Date(instant), timeZone);
    return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!) - Math.floor(instant / 1000) * 1000;
  };
  // Twice: the offset at the first guess may differ from the offset at the answer (DST edges).
  let instant = wall - offsetAt(wall);
  instant = wall - offsetAt(instant);
  return new Date(instant);
}

/** An instant as the zone's wall clock, `YYYY-MM-DD HH:mm`. */
export function formatLocal(instant: Date, timeZone: string): string {
  const p = partsIn(instant, timeZone);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${p.year}-${two(p.month!)}-${two(p.day!)} ${two(p.hour!)}:${two(p.minute!)}`;
}
