/**
 * Working days, whatever says which days are public holidays: db/calendar.ts (date-holidays,
 * Node) or db/holiday-table.ts (a table generated from it, for the Workers bundle).
 */
import { addDays, type IsoDate } from './work-year.ts';

/** Working days for deadlines and schedules: no weekends, no Vietnamese public holidays. */
export interface Calendar {
  isWorkingDay(date: IsoDate): boolean;
  /** The date `n` working days after `date` (n ≥ 0; 0 gives `date` itself). */
  addWorkingDays(date: IsoDate, n: number): IsoDate;
  /**
   * Where a limit counted in calendar days (or months) that ends on `date` really ends: `date`
   * when it is a working day, else the next working day (Civil Code 2015, Article 148(5)).
   */
  nextWorkingDay(date: IsoDate): IsoDate;
  /** The last working day strictly before `date`. */
  workingDayBefore(date: IsoDate): IsoDate;
}

// A year without a working day is a misconfiguration (DAYS_OFF): stop rather than loop for ever.
const MAX_DAYS_OFF_IN_A_ROW = 366;

export interface CalendarOptions {
  /** Extra days off fixed by the government's yearly notice (Tết break, bridge days). */
  daysOff?: readonly IsoDate[];
  /** Days that are worked although weekend or holiday (swapped working Saturdays). */
  workingDays?: readonly IsoDate[];
}

/** A year's public holidays (the Tết break included): date-holidays on Node, a table on Workers. */
export type PublicHolidays = (year: number) => ReadonlySet<IsoDate>;

/** The calendar over `publicHolidays`, with DAYS_OFF and WORKING_DAYS on top. */
export function createWorkingDays(publicHolidays: PublicHolidays, options: CalendarOptions = {}): Calendar {
  const off = new Set(options.daysOff ?? []);
  const on = new Set(options.workingDays ?? []);

  const isWorkingDay = (date: IsoDate): boolean => {
    if (on.has(date)) return true;
    if (off.has(date)) return false;
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    if (weekday === 0 || weekday === 6) return false;
    return !publicHolidays(Number(date.slice(0, 4))).has(date);
  };

  return {
    isWorkingDay,
    addWorkingDays(date, n) {
      let current = date;
      for (let left = n; left > 0; ) {
        current = addDays(current, 1);
        if (isWorkingDay(current)) left--;
      }
      return current;
    },
    nextWorkingDay(date) {
      let day = date;
      for (let i = 0; i < MAX_DAYS_OFF_IN_A_ROW && !isWorkingDay(day); i++) day = addDays(day, 1);
      return day;
    },
    workingDayBefore(date) {
      let day = addDays(date, -1);
      for (let i = 0; i < MAX_DAYS_OFF_IN_A_ROW && !isWorkingDay(day); i++) day = addDays(day, -1);
      return day;
    },
  };
}
