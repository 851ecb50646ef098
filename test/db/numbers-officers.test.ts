import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCalendar } from '../../db/calendar.ts';
import { getRanking } from '../../db/numbers/ranking.ts';
import { getSummary } from '../../db/numbers/summary.ts';
import { defaultOverdueRules } from '../../db/overdue-rules.ts';
import { run } from '../fixtures/import/helpers.ts';
import { drivers, openTestDb, type TestDb } from '../helpers/db.ts';
import { addCase, addStaff, addUnit } from '../helpers/fixtures.ts';

const M = 1_000_000;
const options = { calendar: createCalendar(), rules: defaultOverdueRules };

/**
 * Unit L (with its own targets) and three officers: O1 with targets and two cases carried into
 * work year 2027, O2 without targets of their own and one new case, O3 with targets and no case.
 */
describe.each(drivers)('an officer against their own targets (%s)', (driver) => {
  let handle: TestDb;

  beforeAll(async () => {
    handle = await openTestDb(driver);
    const db = handle.db;
    await addUnit(db, 'P', 'province');
    const l = await addUnit(db, 'L', 'local', 'P');
    const o1 = await addStaff(db, 'O1', l);
    const o2 = await addStaff(db, 'O2', l);
    await addStaff(db, 'O3', l);
    // Both of O1's cases were with conditions and not done on 30/09/2026: the base of the cuts.
    await addCase(db, { code: 'X', unitId: l, officerId: o1, accepted: '2026-05-01', amount: 100 * M });
    await addCase(db, {
      code: 'Y', unitId: l, officerId: o1, accepted: '2026-06-01', amount: 50 * M,
      history: [['completed', '2026-11-01']], collections: [['2026-11-01', 50 * M]],
    });
    await addCase(db, { code: 'Z', unitId: l, officerId: o2, accepted: '2026-10-10', amount: 20 * M });
    const result = await run(
      db,
      'targets',
      [
        'unit_code,officer_code,work_year,cases_rate,money_rate,carried_cases_cut,carried_money_cut',
        'L,,2027,10,10,1,1',
        'L,O1,2027,50,40,5,40',
        'L,O3,2027,80,50,5,5',
      ].join('\n'),
    );
    expect(result).toMatchObject({ inserted: 3, issues: [] });
  });
  afterAll(async () => {
    await handle?.close();
  });

  it('judges an officer on all four targets from their own targets.csv row', async () => {
    const r = await getRanking(handle.db, 'L', '2026-11-23', options);
    expect(r.by).toBe('officers');
    const o1 = r.rows.find((row) => row.code === 'O1')!;
    expect(o1.targets).toEqual({ cases_rate: 50, money_rate: 40, carried_cases_cut: 5, carried_money_cut: 40 });
    expect(o1.cases).toMatchObject({ with_conditions: 2, done: 1, rate: 50, carried_with_conditions: 1 });
    expect(o1.money).toMatchObject({ with_conditions: 150 * M, done: 50 * M, rate: 33.33 });
    expect(o1.carried_cut).toEqual({ base_at: '2026-09-30', cases_base: 2, money_base: 150 * M, cases: 50, money: 33.33 });
    expect(o1.targets_met).toEqual({ cases_rate: true, money_rate: false, carried_cases_cut: true, carried_money_cut: false, count: 2 });
  });

  it('gives an officer without targets of their own null, never the unit’s', async () => {
    const r = await getRanking(handle.db, 'L', '2026-11-23', options);
    const o2 = r.rows.find((row) => row.code === 'O2')!;
    expect((await getSummary(handle.db, 'L', '2026-11-23', options)).targets).not.toBeNull();
    expect(o2.targets).toBeNull();
    expect(o2.targets_met).toBeNull();
    expect(o2.carried_cut).toMatchObject({ cases_base: 0, cases: null, money: null });
  });

  it('counts none of the four for an officer with targets and nothing to divide by', async () => {
    const r = await getRanking(handle.db, 'L', '2026-11-23', options);
    const o3 = r.rows.find((row) => row.code === 'O3')!;
    expect(o3.targets).not.toBeNull();
    expect(o3.targets_met).toEqual({ cases_rate: null, money_rate: null, carried_cases_cut: null, carried_money_cut: null, count: 0 });
  });

  it('adds the officers’ cut bases up to the unit’s', async () => {
    const [r, s] = await Promise.all([getRanking(handle.db, 'L', '2026-11-23', options), getSummary(handle.db, 'L', '2026-11-23', options)]);
    expect(r.rows.reduce((n, row) => n + row.carried_cut.cases_base, 0)).toBe(s.carried_cut.cases_base);
    expect(r.rows.reduce((n, row) => n + row.carried_cut.money_base, 0)).toBe(s.carried_cut.money_base);
  });

  it('judges a province’s units on their own targets the same way', async () => {
    const r = await getRanking(handle.db, 'P', '2026-11-23', options);
    const s = await getSummary(handle.db, 'L', '2026-11-23', options);
    expect(r.rows[0]).toMatchObject({ code: 'L', targets: s.targets, carried_cut: s.carried_cut, targets_met: s.targets_met });
  });
});
