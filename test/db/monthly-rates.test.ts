import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCalendar } from '../../db/calendar.ts';
import { seedDemo } from '../../db/demo/index.ts';
import { getMonthlyRates, monthEndsTo } from '../../db/numbers/monthly-rates.ts';
import { getSummary } from '../../db/numbers/summary.ts';
import { defaultOverdueRules } from '../../db/overdue-rules.ts';
import { noCache } from '../../db/result-cache.ts';
import { drivers, openTestDb, type TestDb } from '../helpers/db.ts';

const options = { calendar: createCalendar(), rules: defaultOverdueRules };

describe('the days of the monthly series', () => {
  it('takes each month’s last day from October, then `at` itself', () => {
    expect(monthEndsTo('2026-10-01')).toEqual(['2026-10-01']);
    expect(monthEndsTo('2026-10-31')).toEqual(['2026-10-31']);
    expect(monthEndsTo('2026-11-23')).toEqual(['2026-10-31', '2026-11-23']);
    expect(monthEndsTo('2028-03-02')).toEqual(['2027-10-31', '2027-11-30', '2027-12-31', '2028-01-31', '2028-02-29', '2028-03-02']);
    expect(monthEndsTo('2027-09-30')).toHaveLength(12);
  });
});

describe.each(drivers)('monthly rates over the demo province on %s', (driver) => {
  let handle: TestDb;
  beforeAll(async () => {
    handle = await openTestDb(driver);
    await seedDemo(handle.db, { today: '2026-11-23', changes: noCache });
  }, 120_000);
  afterAll(() => handle.close());

  it.each([
    ['BH', '2026-11-23'],
    ['BH-DS', '2026-11-23'],
    ['BH-TB', '2027-02-10'],
  ])('gives %s on %s the rates getSummary gives at each month end, and its same day last year', async (unit, at) => {
    const monthly = await getMonthlyRates(handle.db, unit, at);
    expect(monthly.points.map((p) => p.at)).toEqual(monthEndsTo(at));
    expect(monthly).toMatchObject({ unit, work_year: 2027, at });
    for (const point of monthly.points) {
      const summary = await getSummary(handle.db, unit, point.at, options);
      expect(point).toEqual({
        at: point.at,
        cases_rate: summary.cases.rate,
        money_rate: summary.money.rate,
        last_year: { at: summary.same_period_last_year.at, cases_rate: summary.same_period_last_year.cases_rate, money_rate: summary.same_period_last_year.money_rate },
      });
    }
    // The demo has cases in both years: the series says something.
    expect(monthly.points.every((p) => p.cases_rate !== null && p.last_year.cases_rate !== null)).toBe(true);
  });

  it('refuses an unknown unit as the summary does', async () => {
    await expect(getMonthlyRates(handle.db, 'NOPE', '2026-11-23')).rejects.toMatchObject({ code: 'unit_not_found' });
  });
});
