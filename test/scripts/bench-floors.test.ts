import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCalendar } from '../../db/calendar.ts';
import { getSummary } from '../../db/numbers/summary.ts';
import { defaultOverdueRules } from '../../db/overdue-rules.ts';
import { summarise } from '../../scripts/bench-profile.ts';
import { assertSameFigures, coreFiguresFloor, coreOf } from '../../scripts/bench-summary-floor.ts';
import { seedNationalData } from '../../scripts/national-data.ts';
import { drivers, openTestDb, type TestDb } from '../helpers/db.ts';

// The bench's floors must measure the same thing as the paths they are compared with: the
// summary floor is checked here against getSummary on a small national set (same generator,
// 30,000 cases), so a change to either that makes them disagree shows in the tests too.
const TODAY = '2026-11-23';
const options = { calendar: createCalendar(), rules: defaultOverdueRules };

describe.each(drivers)('the summary floor on the national set (%s)', (driver) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb(driver);
    const nation = await seedNationalData(db.db, { cases: 30_000, today: TODAY });
    expect(nation).toMatchObject({ cases: 30_000, staff: 7000, units: 355, reused: false });
    expect(nation.collections).toBeGreaterThan(40_000);
  });
  afterAll(() => db?.close());

  it.each(['T07-03', 'T07', 'T34-10', 'T01'])('gives the same core figures as getSummary for %s', async (code) => {
    const summary = await getSummary(db.db, code, TODAY, options);
    expect(await coreFiguresFloor(db.db, code, TODAY)).toEqual(coreOf(summary));
    expect(summary.cases.total).toBeGreaterThan(0);
  });

  it.each(['T07', 'T01'])('is compared on rows that reach every branch of its sums (%s)', async (code) => {
    const { cases, money } = await getSummary(db.db, code, TODAY, options);
    for (const column of ['carried_over', 'new', 'completed', 'terminated', 'without_conditions', 'entrusted', 'withdrawn', 'enforcing'] as const) {
      expect(cases[column], column).toBeGreaterThan(0);
    }
    expect(money.done).toBeGreaterThan(0);
  });

  it('is found again, not written twice, on a second run', async () => {
    expect(await seedNationalData(db.db, { cases: 30_000, today: TODAY })).toMatchObject({ reused: true, cases: 30_000, staff: 7000 });
  });
});

describe('assertSameFigures', () => {
  const figures = { cases_total: 10, cases_with_conditions: 8, cases_done: 3, money_total: 100, money_with_conditions: 90, money_done: 40 };
  it('names each figure that differs', () => {
    expect(() => assertSameFigures('T07', figures, { ...figures, money_done: 41 })).toThrow('money_done: floor 40, getSummary 41');
    expect(() => assertSameFigures('T07', figures, { ...figures })).not.toThrow();
  });
});

describe('summarise (CPU profile)', () => {
  it('adds self time by function and by place, idle left out', () => {
    const frame = (functionName: string, url: string) => ({ functionName, url, lineNumber: 9 });
    const profile = {
      nodes: [
        { id: 1, callFrame: frame('(idle)', '') },
        { id: 2, callFrame: frame('is', 'file:///x/node_modules/drizzle-orm/entity.js') },
        { id: 3, callFrame: frame('takeTurn', 'file:///x/bot/core/turn.ts') },
      ],
      samples: [1, 2, 3, 2, 1],
      timeDeltas: [5000, 1000, 3000, 1000, 5000],
    };
    const { functions, places, totalMs } = summarise(profile);
    expect(totalMs).toBe(5);
    expect(places).toEqual([
      { name: 'bot/ (the app)', ms: 3, share: 0.6 },
      { name: 'drizzle-orm', ms: 2, share: 0.4 },
    ]);
    expect(functions.map((f) => [f.name, f.ms])).toEqual([
      ['takeTurn /x/bot/core/turn.ts:10', 3],
      ['is /x/node_modules/drizzle-orm/entity.js:10', 2],
    ]);
  });
});
