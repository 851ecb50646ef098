import { describe, expect, it } from 'vitest';
import { createCalendar } from '../../db/calendar.ts';
import { addMonths, sameDayLastYear, workYearOf, workYearStart } from '../../db/work-year.ts';

describe('working days', () => {
  const calendar = createCalendar();

  it('skips weekends and the fixed public holidays', () => {
    expect(calendar.isWorkingDay('2026-11-23')).toBe(true); // Monday
    expect(calendar.isWorkingDay('2026-11-21')).toBe(false); // Saturday
    expect(calendar.isWorkingDay('2027-04-30')).toBe(false); // Ngày Giải phóng miền Nam
    expect(calendar.isWorkingDay('2027-09-02')).toBe(false); // Quốc khánh
    expect(calendar.isWorkingDay('2027-04-16')).toBe(false); // Giỗ Tổ Hùng Vương, 10/3 lunar
  });

  it('skips the five days of Tết, which move with the lunar calendar', () => {
    // Tết Đinh Mùi: New Year's Eve Friday 5 February 2027, day 1 Saturday 6 February.
    for (const d of ['2027-02-05', '2027-02-08', '2027-02-09']) expect(calendar.isWorkingDay(d)).toBe(false);
    expect(calendar.isWorkingDay('2027-02-10')).toBe(true);
    expect(calendar.addWorkingDays('2027-02-03', 3)).toBe('2027-02-11');
    // Tết Bính Ngọ 2026: day 1 is Tuesday 17 February.
    expect(calendar.addWorkingDays('2026-02-13', 1)).toBe('2026-02-23');
  });

  it('moves a day off to the next working day, and finds the working day before a date', () => {
    expect(calendar.nextWorkingDay('2027-03-12')).toBe('2027-03-12'); // a Friday stays
    expect(calendar.nextWorkingDay('2027-03-13')).toBe('2027-03-15'); // Saturday → Monday
    expect(calendar.nextWorkingDay('2027-03-14')).toBe('2027-03-15'); // Sunday → Monday
    expect(calendar.nextWorkingDay('2027-02-05')).toBe('2027-02-10'); // Tết → the Wednesday after
    expect(calendar.workingDayBefore('2027-03-15')).toBe('2027-03-12');
    expect(calendar.workingDayBefore('2027-02-11')).toBe('2027-02-10');
    expect(calendar.workingDayBefore('2027-02-10')).toBe('2027-02-04');
    const swapped = createCalendar({ workingDays: ['2027-03-13'] });
    expect(swapped.nextWorkingDay('2027-03-13')).toBe('2027-03-13');
  });

  it('takes the operator’s extra days off and swapped working days', () => {
    const custom = createCalendar({ daysOff: ['2027-02-04'], workingDays: ['2027-02-06'] });
    expect(custom.isWorkingDay('2027-02-04')).toBe(false);
    expect(custom.isWorkingDay('2027-02-06')).toBe(true);
    expect(custom.addWorkingDays('2027-02-03', 2)).toBe('2027-02-10');
  });
});

describe('work year dates', () => {
  it('runs the work year from 1 October to 30 September', () => {
    expect(workYearOf('2026-09-30')).toBe(2026);
    expect(workYearOf('2026-10-01')).toBe(2027);
    expect(workYearStart(2027)).toBe('2026-10-01');
  });

  it('maps 29 February to 28 February a year earlier and clamps month ends', () => {
    expect(sameDayLastYear('2028-02-29')).toBe('2027-02-28');
    expect(sameDayLastYear('2027-03-01')).toBe('2026-03-01');
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2027-02-01', -6)).toBe('2026-08-01');
  });
});
