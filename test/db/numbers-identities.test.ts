import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCalendar } from '../../db/calendar.ts';
import { DEMO_PROVINCE_CODE, seedDemo } from '../../db/demo/index.ts';
import { createRandom } from '../../db/demo/random.ts';
import { aggregateBooks, cutOf, rateOf } from '../../db/numbers/books.ts';
import { getRanking } from '../../db/numbers/ranking.ts';
import { getSummary } from '../../db/numbers/summary.ts';
import type { Books } from '../../db/numbers/types.ts';
import { getAllSummaries, sumGroups } from '../../db/numbers/unit-summaries.ts';
import { defaultOverdueRules } from '../../db/overdue-rules.ts';
import type { CaseStatus } from '../../db/schema.ts';
import { noCache } from '../../db/result-cache.ts';
import { addDays, type IsoDate, workYearOf, workYearStart } from '../../db/work-year.ts';
import { expectSummaryAddsUp } from '../helpers/books.ts';
import { drivers, openTestDb, type TestDb } from '../helpers/db.ts';
import { addCase, addUnit } from '../helpers/fixtures.ts';

const options = { calendar: createCalendar(), rules: defaultOverdueRules };

// The demo is seeded as of 2026-11-23: three work years of cases. Dates across two year boundaries.
const DEMO_DATES: IsoDate[] = ['2025-12-31', '2026-03-31', '2026-09-30', '2026-10-01', '2026-11-23'];

describe.each(drivers)('the rows add up on the whole demo province on %s', (driver) => {
  let handle: TestDb;
  beforeAll(async () => {
    handle = await openTestDb(driver);
    await seedDemo(handle.db, { today: '2026-11-23', changes: noCache });
  }, 120_000);
  afterAll(() => handle.close());

  it.each(DEMO_DATES)('for every unit and every officer on %s', async (at) => {
    const all = await getAllSummaries(handle.db, at, options);
    expect(all.summaries.size).toBeGreaterThan(5);
    for (const s of all.summaries.values()) expectSummaryAddsUp(s, `${s.unit} ${at}`);
    // The jobs' one-pass summaries are the command's, unit by unit (the new keys included).
    const province = await getSummary(handle.db, DEMO_PROVINCE_CODE, at, options);
    expect(province.cases.done).toBeGreaterThan(0);
    const provinceId = all.units.find((u) => u.code === DEMO_PROVINCE_CODE)!.id;
    expect(all.summaries.get(provinceId)).toEqual(province);
    // Officers: each officer's books add up, and the officers of a unit add up to the unit.
    for (const unit of all.units.filter((u) => u.kind === 'local')) {
      const groups = await aggregateBooks(handle.db, {
        unitIds: [unit.id], from: workYearStart(workYearOf(at)), at, groupKey: sql`b.officer_id`,
      });
      for (const g of groups) expectSummaryAddsUp(g, `${unit.code} officer ${g.key} ${at}`);
      const summed = sumGroups(groups);
      const own = all.summaries.get(unit.id)!;
      expect({ cases: summed.cases, money: summed.money }).toEqual({ cases: own.cases, money: own.money });
    }
  });

  it('ranks the units on the same books as their summaries', async () => {
    const at = '2026-11-23';
    const [ranking, all] = await Promise.all([getRanking(handle.db, DEMO_PROVINCE_CODE, at, options), getAllSummaries(handle.db, at, options)]);
    expect(ranking.rows.length).toBeGreaterThan(1);
    for (const row of ranking.rows) {
      const s = [...all.summaries.values()].find((x) => x.unit === row.code)!;
      expect(row.cases).toEqual(s.cases);
      expect(row.money).toEqual(s.money);
      expect(row.carried_cut).toEqual(s.carried_cut);
      expect(row.targets).toEqual(s.targets);
      expect(row.targets_met).toEqual(s.targets_met);
    }
  });

  it('counts money collected in the year once in done, and takes the cut base from the previous year', async () => {
    const s = await getSummary(handle.db, DEMO_PROVINCE_CODE, '2026-11-23', options);
    expect(s.money.completed).toBe(s.money.done - s.money.terminated);
    const base = await getSummary(handle.db, DEMO_PROVINCE_CODE, '2026-09-30', options);
    expect(s.carried_cut).toMatchObject({
      base_at: '2026-09-30',
      cases_base: base.cases.carried_with_conditions,
      money_base: base.money.carried_with_conditions,
      cases: cutOf(base.cases.carried_with_conditions, s.cases.carried_with_conditions),
      money: cutOf(base.money.carried_with_conditions, s.money.carried_with_conditions),
    });
  });
});

// ---- A property test: random cases against a plain reading of CONTRACT.md, case by case. ----

interface RandomCase {
  code: string;
  accepted: IsoDate;
  amount: number;
  history: [CaseStatus, IsoDate][];
  collections: [IsoDate, number][];
  flags: ('credit' | 'complex' | 'complaint')[];
}

const OPEN: CaseStatus[] = ['enforcing', 'postponed', 'suspended', 'no_conditions'];
const CLOSED: CaseStatus[] = ['completed', 'terminated', 'entrusted', 'withdrawn'];
const START = Date.parse('2025-06-01T00:00:00Z');
const dayAfter = (date: IsoDate, max: number, r: ReturnType<typeof createRandom>) => addDays(date, r.int(1, max));

function randomCases(seed: number, n: number): RandomCase[] {
  const r = createRandom(seed);
  return Array.from({ length: n }, (_, i) => {
    const accepted = new Date(START + r.int(0, 760) * 86_400_000).toISOString().slice(0, 10);
    const amount = r.chance(0.1) ? 0 : r.int(1, 200) * 500_000;
    const history: [CaseStatus, IsoDate][] = [];
    let day = accepted;
    for (let k = r.int(0, 3); k > 0; k--) {
      day = dayAfter(day, 60, r);
      const status = k === 1 && r.chance(0.5) ? r.pick(CLOSED) : r.pick(OPEN);
      history.push([status, day]);
    }
    const collections: [IsoDate, number][] = [];
    for (let k = r.int(0, 3); k > 0; k--) collections.push([dayAfter(accepted, 300, r), r.int(1, 80) * 500_000]);
    const flags = (['credit', 'complex', 'complaint'] as const).filter(() => r.chance(0.3));
    return { code: `R${seed}-${i}`, accepted, amount, history, collections, flags };
  });
}

/** CONTRACT.md read literally, case by case: the books of `cases` as of `at`. */
function referenceBooks(list: RandomCase[], at: IsoDate): { cases: Books; money: Books } {
  return referenceOf(list, at).books;
}

/** The books, the credit cases' books and the flagged cases in hand, case by case. */
function referenceOf(list: RandomCase[], at: IsoDate) {
  const from = workYearStart(workYearOf(at));
  const statusOn = (c: RandomCase, day: IsoDate, strict: boolean): CaseStatus =>
    [...c.history].reverse().find(([, d]) => (strict ? d < day : d <= day))?.[0] ?? 'enforcing';
  const zero = (): Books => ({
    carried_over: 0, new: 0, total: 0, entrusted: 0, withdrawn: 0, to_enforce: 0, with_conditions: 0, without_conditions: 0,
    completed: 0, terminated: 0, done: 0, enforcing: 0, postponed: 0, suspended: 0, carried_to_next: 0, carried_with_conditions: 0, rate: null,
  });
  const cases = zero();
  const money = zero();
  const credit = { cases: zero(), money: zero() };
  const flags = { complaint: 0, complex: 0 };
  const rowOf: Record<CaseStatus, keyof Books> = {
    enforcing: 'enforcing', postponed: 'postponed', suspended: 'suspended', no_conditions: 'without_conditions',
    completed: 'completed', terminated: 'terminated', entrusted: 'entrusted', withdrawn: 'withdrawn',
  };
  for (const c of list) {
    if (c.accepted > at) continue;
    const carried = c.accepted < from;
    if (carried && CLOSED.includes(statusOn(c, from, true))) continue;
    const paid = (lo: IsoDate | null, hi: IsoDate) =>
      c.collections.filter(([d]) => (lo === null || d >= lo) && d <= hi).reduce((t, [, a]) => t + a, 0);
    const m = carried ? Math.max(c.amount - paid(null, addDays(from, -1)), 0) : c.amount;
    const x = Math.min(paid(from, at), m);
    const status = statusOn(c, at, false);
    const row = rowOf[status];
    if (OPEN.includes(status)) for (const flag of ['complaint', 'complex'] as const) if (c.flags.includes(flag)) flags[flag]++;
    for (const [byCases, byMoney] of [[cases, money], ...(c.flags.includes('credit') ? [[credit.cases, credit.money]] : [])] as [Books, Books][]) {
      (byCases[row] as number) += 1;
      (byCases[carried ? 'carried_over' : 'new'] as number) += 1;
      (byMoney[carried ? 'carried_over' : 'new'] as number) += m;
      if (status === 'completed' || status === 'terminated') (byMoney[row] as number) += m;
      else {
        (byMoney[row] as number) += m - x;
        byMoney.completed += x;
      }
    }
  }
  for (const b of [cases, money, credit.cases, credit.money]) {
    b.done = b.completed + b.terminated;
    b.carried_with_conditions = b.enforcing + b.postponed + b.suspended;
    b.with_conditions = b.done + b.carried_with_conditions;
    b.to_enforce = b.with_conditions + b.without_conditions;
    b.total = b.to_enforce + b.entrusted + b.withdrawn;
    b.carried_to_next = b.to_enforce - b.done;
    b.rate = rateOf(b.done, b.with_conditions);
  }
  return {
    books: { cases, money },
    credit: { cases: credit.cases.to_enforce, money: credit.money.to_enforce, done_cases: credit.cases.done, done_money: credit.money.done },
    flags,
  };
}

const PROPERTY_DATES: IsoDate[] = ['2025-09-30', '2026-02-14', '2026-09-30', '2026-10-01', '2027-01-15', '2027-09-30'];

describe.each(drivers)('random cases against a case-by-case reading of the contract on %s', (driver) => {
  let handle: TestDb;
  const seeds = [11, 29, 47];
  const generated = new Map<number, RandomCase[]>();
  beforeAll(async () => {
    handle = await openTestDb(driver);
    for (const seed of seeds) {
      const unitId = await addUnit(handle.db, `RND${seed}`, 'local');
      const list = randomCases(seed, 60);
      generated.set(seed, list);
      for (const c of list) await addCase(handle.db, { ...c, unitId });
    }
  }, 60_000);
  afterAll(() => handle.close());

  it('draws cases that fill every row somewhere, so the comparison below proves something', () => {
    const seen = new Set<string>();
    for (const list of generated.values())
      for (const at of PROPERTY_DATES)
        for (const [side, b] of Object.entries({ ...referenceBooks(list, at), ...referenceOf(list, at) }))
          for (const [key, value] of Object.entries(b)) if (value) seen.add(`${side}.${key}`);
    const keys = Object.keys(referenceBooks([], '2027-01-01').cases);
    expect([...seen].filter((k) => !k.startsWith('books.')).sort()).toEqual([
      ...['cases', 'money'].flatMap((side) => keys.map((k) => `${side}.${k}`)),
      ...['cases', 'money', 'done_cases', 'done_money'].map((k) => `credit.${k}`),
      'flags.complaint', 'flags.complex',
    ].sort());
  });

  it.each(seeds)('seed %i: the same books on every date, the identities holding', async (seed) => {
    const list = generated.get(seed)!;
    for (const at of PROPERTY_DATES) {
      const s = await getSummary(handle.db, `RND${seed}`, at, options);
      const expected = referenceOf(list, at);
      expect({ cases: s.cases, money: s.money }, `seed ${seed} at ${at}`).toEqual(expected.books);
      expect({ credit: s.credit, flags: s.flags }, `seed ${seed} at ${at}`).toEqual({ credit: expected.credit, flags: expected.flags });
      expectSummaryAddsUp(s, `seed ${seed} at ${at}`);
      const baseAt = addDays(workYearStart(workYearOf(at)), -1);
      const base = referenceBooks(list, baseAt);
      expect(s.carried_cut).toEqual({
        base_at: baseAt,
        cases_base: base.cases.carried_with_conditions,
        money_base: base.money.carried_with_conditions,
        cases: cutOf(base.cases.carried_with_conditions, s.cases.carried_with_conditions),
        money: cutOf(base.money.carried_with_conditions, s.money.carried_with_conditions),
      });
    }
  });
});
