import Holidays from 'date-holidays';
import { addDays, type IsoDate } from './work-year.ts';
import { type Calendar, type CalendarOptions, createWorkingDays } from './working-days.ts';

export type { Calendar, CalendarOptions } from './working-days.ts';

// The Labour Code gives five days for Tết; date-holidays knows only New Year's Eve and day 1,
// so the next three days are added here. Other bridge days come from DAYS_OFF.
const TET_EXTRA_DAYS = 3;

const holidays = new Holidays('VN');
// Each year worked out once per process: getHolidays computes the lunar dates every call.
const years = new Map<number, Set<IsoDate>>();

/** Viet Nam's public holidays of `year` by date-holidays (about 1.5 MB: Node only; Workers use db/holiday-table.ts). */
export function vietnamPublicHolidays(year: number): Set<IsoDate> {
  const set = new Set<IsoDate>();
  for (const h of holidays.getHolidays(year)) {
    if (h.type !== 'public') continue;
    const date = h.date.slice(0, 10); // a local date string, "YYYY-MM-DD 00:00:00"
    set.add(date);
    if (h.name === 'Tết Nguyên Đán') {
      for (let i = 1; i <= TET_EXTRA_DAYS; i++) set.add(addDays(date, i));
    }
  }
  return set;
}

/** Working days for deadlines and schedules: no weekends, no Vietnamese public holidays. */
export function createCalendar(options: CalendarOptions = {}): Calendar {
  return createWorkingDays((year) => {
    let set = years.get(year);
    if (!set) years.set(year, (set = vietnamPublicHolidays(year)));
    return set;
  }, options);
}
