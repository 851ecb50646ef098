/**
 * When jobs are due: five-field cron expressions read in TZ_APP (cron-parser), optionally only
 * on working days (no weekends, no Vietnamese public holidays). Pure: no timers, no database,
 * so the Node scheduler, `thads jobs list` and a Workers cron handler all agree on the same slots.
 */
import { CronExpressionParser } from 'cron-parser';

export class CronError extends Error {
  override name = 'CronError';
}

/** A checked cron expression. */
export interface Cron {
  expression: string;
}

/** Checks an expression such as `30 7 * * 1`; throws CronError saying what is wrong. */
export function parseCron(expression: string): Cron {
  const trimmed = expression.trim();
  // cron-parser also takes a sixth field (seconds): bree, crontab and our docs use five.
  if (trimmed.split(/\s+/).length !== 5) {
    throw new CronError(`"${expression}": expected five fields (minute hour day-of-month month day-of-week)`);
  }
  try {
    CronExpressionParser.parse(trimmed, { strict: false });
  } catch (error) {
    throw new CronError(`"${expression}": ${(error as Error).message}`);
  }
  return { expression: trimmed };
}

export interface SlotOptions {
  timeZone: string;
  /** Set for working-days-only jobs: slots on other days do not exist. */
  isWorkingDay?: (isoDate: string) => boolean;
}

/** How many slots are looked through for one on a working day: a minutely job over a long Tết. */
const MAX_TRIES = 20_000;

/** The first slot strictly after `after`, or undefined when none is found. */
export function nextSlot(expression: string | Cron, after: Date, options: SlotOptions): Date | undefined {
  return findSlot(expression, after, options, 'next');
}

/** The latest slot at or before `at`, or undefined when none is found. */
export function previousSlot(expression: string | Cron, at: Date, options: SlotOptions): Date | undefined {
  // cron-parser's prev() is strictly before its start: start a second later to include `at`.
  return findSlot(expression, new Date(Math.floor(at.getTime() / 1000) * 1000 + 1000), options, 'prev');
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

function findSlot(expression: string | Cron, from: Date, options: SlotOptions, direction: 'next' | 'prev'): Date | undefined {
  const { expression: text } = typeof expression === 'string' ? parseCron(expression) : expression;
  const slots = CronExpressionParser.parse(text, { tz: options.timeZone, currentDate: from });
  for (let i = 0; i < MAX_TRIES; i++) {
    let slot: Date;
    try {
      slot = (direction === 'next' ? slots.next() : slots.prev()).toDate();
    } catch {
      return undefined; // no further date (an expression such as 31 February)
    }
    if (!options.isWorkingDay || options.isWorkingDay(isoDateIn(slot, options.timeZone))) return slot;
  }
  return undefined;
}

function isoDateIn(instant: Date, timeZone: string): string {
  const { year, month, day } = localDate(instant, timeZone);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
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

/** An instant as the zone's wall clock, `YYYY-MM-DD HH:mm`. */
export function formatLocal(instant: Date, timeZone: string): string {
  const p = partsIn(instant, timeZone);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${p.year}-${two(p.month!)}-${two(p.day!)} ${two(p.hour!)}:${two(p.minute!)}`;
}
