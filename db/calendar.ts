import Holidays from 'date-holidays';
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

// The Labour Code gives five days for Tết; date-holidays knows only New Year's Eve and day 1,
// so the next three days are added here. Other bridge days come from DAYS_OFF.
const TET_EXTRA_DAYS = 3;

export function createCalendar(options: CalendarOptions = {}): Calendar {
  const holidays = new Holidays('VN');
  const off = new Set(options.daysOff ?? []);
  const on = new Set(options.workingDays ?? []);
  const years = new Map<number, Set<IsoDate>>();

  const publicHolidays = (year: number): Set<IsoDate> => {
    let set = years.get(year);
    if (!set) {
      set = new Set();
      for (const h of holidays.getHolidays(year)) {
        if (h.type !== 'public') continue;
        const date = h.date.slice(0, 10); // a local date string, "YYYY-MM-DD 00:00:00"
        set.add(date);
        if (h.name === 'Tết Nguyên Đán') {
          for (let i = 1; i <= TET_EXTRA_DAYS; i++) set.add(addDays(date, i));
        }
      }
      years.set(year, set);
    }
    return set;
  };

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
