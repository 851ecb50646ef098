import { describe, expect, it } from 'vitest';
import { createCalendar, vietnamPublicHolidays } from '../../db/calendar.ts';
import { HOLIDAY_TABLE_FIRST_YEAR, HOLIDAY_TABLE_LAST_YEAR, tablePublicHolidays } from '../../db/holiday-table.ts';
import { createWorkingDays } from '../../db/working-days.ts';
import { HOLIDAY_TABLE_YEARS, renderHolidayTable } from '../../scripts/holiday-table-render.ts';

// The Workers bundle reads holidays from db/holiday-table.ts instead of date-holidays: the two must agree.
describe('the generated holiday table (Workers)', () => {
  it('holds exactly what date-holidays gives, every year it covers', () => {
    for (let year = HOLIDAY_TABLE_FIRST_YEAR; year <= HOLIDAY_TABLE_LAST_YEAR; year++) {
      expect([...tablePublicHolidays(year)].sort(), String(year)).toEqual([...vietnamPublicHolidays(year)].sort());
    }
  });

  it('is the file the script would write now (rerun `npm run holiday-table` after upgrading date-holidays)', async () => {
    const { readFile } = await import('node:fs/promises');
    const onDisk = await readFile(new URL('../../db/holiday-table.ts', import.meta.url), 'utf8');
    expect(onDisk).toBe(renderHolidayTable(vietnamPublicHolidays, HOLIDAY_TABLE_YEARS));
  });

  it('gives the same working days as the Node calendar, Tết break and DAYS_OFF included', () => {
    const options = { daysOff: ['2026-02-23'], workingDays: ['2026-02-21'] };
    const node = createCalendar(options);
    const worker = createWorkingDays(tablePublicHolidays, options);
    expect(worker.isWorkingDay('2026-02-18')).toBe(false); // Tết, first day
    expect(worker.isWorkingDay('2026-02-20')).toBe(false); // the Labour Code's extra Tết days
    expect(worker.isWorkingDay('2026-02-21')).toBe(true); // a Saturday worked (WORKING_DAYS)
    expect(worker.isWorkingDay('2026-02-23')).toBe(false); // a bridge day (DAYS_OFF)
    for (const date of ['2026-01-01', '2026-04-27', '2026-09-02', '2026-12-31', '2027-02-08']) {
      expect(worker.addWorkingDays(date, 15)).toBe(node.addWorkingDays(date, 15));
    }
  });
});
