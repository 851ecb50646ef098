import { describe, expect, it } from 'vitest';
import { createCalendar } from '../../db/calendar.ts';
import { CronError, dueSlot, formatLocal, nextSlot, parseCron, previousSlot } from '../../jobs/schedule.ts';

const timeZone = 'Asia/Ho_Chi_Minh';
const calendar = createCalendar();
const workingDays = { timeZone, isWorkingDay: calendar.isWorkingDay };
const local = (d: Date | undefined) => (d ? formatLocal(d, timeZone) : undefined);
/** An instant written as Ha Noi wall-clock time. */
const hn = (wall: string) => new Date(`${wall}:00+07:00`);

function slotsAfter(expression: string, from: Date, count: number, options = workingDays): string[] {
  const out: string[] = [];
  let at = from;
  for (let i = 0; i < count; i++) {
    at = nextSlot(expression, at, options)!;
    out.push(local(at)!);
  }
  return out;
}

describe('schedules in TZ_APP', () => {
  it('reads cron fields in Ha Noi time, not the machine zone', () => {
    expect(nextSlot('30 7 * * 1', hn('2026-11-20 12:00'), { timeZone })!.toISOString()).toBe('2026-11-23T00:30:00.000Z');
    expect(local(nextSlot('*/20 9-10 * * *', hn('2026-11-23 09:45'), { timeZone }))).toBe('2026-11-23 10:00');
    expect(local(nextSlot('0 8 1,15 * *', hn('2026-11-23 09:45'), { timeZone }))).toBe('2026-12-01 08:00');
    expect(local(nextSlot('0 8 * * mon-fri', hn('2026-11-28 09:45'), { timeZone }))).toBe('2026-11-30 08:00');
  });

  it('skips weekends and Tết for working-days jobs', () => {
    // Tết Bính Ngọ: 16-20 February 2026 off (New Year's Eve, day 1 and three more days).
    expect(slotsAfter('0 8 * * *', hn('2026-02-12 09:00'), 4)).toEqual(['2026-02-13 08:00', '2026-02-23 08:00', '2026-02-24 08:00', '2026-02-25 08:00']);
    // Tết Đinh Mùi: 5-9 February 2027 off; 30 April, 1 May and 2 September too.
    expect(slotsAfter('0 8 * * *', hn('2027-02-04 09:00'), 1)).toEqual(['2027-02-10 08:00']);
    expect(slotsAfter('0 8 * * *', hn('2026-04-29 09:00'), 1)).toEqual(['2026-05-04 08:00']);
    expect(slotsAfter('0 8 * * *', hn('2026-09-01 09:00'), 1)).toEqual(['2026-09-03 08:00']);
    // The weekly briefing falls on Monday 23 Feb 2026, not on the Tết Monday before it.
    expect(local(previousSlot('30 7 * * 1', hn('2026-02-22 12:00'), workingDays))).toBe('2026-02-09 07:30');
    // Without the working-days rule every day counts.
    expect(slotsAfter('0 8 * * *', hn('2026-02-13 09:00'), 1, { timeZone } as typeof workingDays)).toEqual(['2026-02-14 08:00']);
  });

  it('honours days off and swapped working days from the configuration', () => {
    const swapped = createCalendar({ daysOff: ['2026-11-24'], workingDays: ['2026-11-28'] });
    const options = { timeZone, isWorkingDay: swapped.isWorkingDay };
    expect(slotsAfter('0 8 * * *', hn('2026-11-23 09:00'), 4, options)).toEqual(['2026-11-25 08:00', '2026-11-26 08:00', '2026-11-27 08:00', '2026-11-28 08:00']);
  });

  it('refuses bad expressions saying what is wrong', () => {
    expect(() => parseCron('30 7 * *')).toThrow(/expected five fields/);
    expect(() => parseCron('0 30 7 * * 1')).toThrow(/expected five fields/); // no seconds field
    expect(() => parseCron('61 7 * * 1')).toThrow(/"61 7 \* \* 1": .*61 expected range 0-59/);
    expect(() => parseCron('30 7 * * funday')).toThrow(CronError);
    expect(() => parseCron('30 7-3 * * 1')).toThrow(/7-3/);
    expect(() => parseCron('30 7 31 2 *')).toThrow(CronError);
  });
});

describe('a slot missed while the server was down', () => {
  const catchUpMs = 12 * 3600_000;
  const options = { ...workingDays, catchUpMs };

  it('runs once after start when at most JOBS_CATCH_UP_HOURS late', () => {
    const last = hn('2026-11-16 07:30');
    expect(local(dueSlot('30 7 * * 1', hn('2026-11-23 09:00'), last, options))).toBe('2026-11-23 07:30');
    // Once it ran, the same slot is not due again.
    expect(dueSlot('30 7 * * 1', hn('2026-11-23 09:05'), hn('2026-11-23 07:30'), options)).toBeUndefined();
  });

  it('is skipped when later than that, and a holiday slot never existed', () => {
    expect(dueSlot('30 7 * * 1', hn('2026-11-23 19:31'), hn('2026-11-16 07:30'), options)).toBeUndefined();
    expect(local(dueSlot('30 7 * * 1', hn('2026-11-23 19:29'), hn('2026-11-16 07:30'), options))).toBe('2026-11-23 07:30');
    expect(dueSlot('0 8 * * *', hn('2026-02-16 09:00'), hn('2026-02-13 08:00'), options)).toBeUndefined();
    expect(local(dueSlot('0 8 * * *', hn('2026-02-23 08:00'), hn('2026-02-13 08:00'), options))).toBe('2026-02-23 08:00');
  });
});
