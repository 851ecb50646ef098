import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCalendar } from '../../db/calendar.ts';
import { getRanking } from '../../db/numbers/ranking.ts';
import { getSummary, getSummaryShared } from '../../db/numbers/summary.ts';
import type { Books } from '../../db/numbers/types.ts';
import { defaultOverdueRules } from '../../db/overdue-rules.ts';
import { targets } from '../../db/schema.ts';
import { createTestCache, drivers, openTestDb, type TestDb } from '../helpers/db.ts';
import { expectSummaryAddsUp } from '../helpers/books.ts';
import { addCase, addUnit } from '../helpers/fixtures.ts';

const M = 1_000_000;
const options = { calendar: createCalendar(), rules: defaultOverdueRules };

/**
 * Province P with L1 (every kind of case written out below), L2 (two plain cases) and
 * L3 (nothing with conditions). Work year 2027 runs 2026-10-01 to 2027-09-30.
 */
async function seed(db: TestDb['db']) {
  await addUnit(db, 'P', 'province');
  const l1 = await addUnit(db, 'L1', 'local', 'P');
  const l2 = await addUnit(db, 'L2', 'local', 'P');
  const l3 = await addUnit(db, 'L3', 'local', 'P');
  const u = { unitId: l1 };
  // A: carried over, 30 M collected before 1 Oct (books 70 M), 20 M in the year.
  await addCase(db, { ...u, code: 'A', accepted: '2026-05-10', amount: 100 * M, flags: ['credit'], collections: [['2026-07-01', 30 * M], ['2026-11-15', 20 * M]] });
  // B: completed on the last day of work year 2026: out of 2027's books.
  await addCase(db, { ...u, code: 'B', accepted: '2025-12-01', amount: 50 * M, history: [['completed', '2026-09-30']] });
  // C: accepted after `at`.
  await addCase(db, { ...u, code: 'C', accepted: '2027-04-02', amount: 9 * M });
  // D: completed after `at`, with its money also after `at`: enforcing as of `at`.
  await addCase(db, { ...u, code: 'D', accepted: '2026-10-05', amount: 40 * M, history: [['completed', '2027-04-15']], collections: [['2027-04-15', 40 * M]] });
  // E: new, entrusted away in the year.
  await addCase(db, { ...u, code: 'E', accepted: '2026-10-10', amount: 10 * M, flags: ['credit'], history: [['entrusted', '2026-12-01']] });
  // F: carried over, withdrawn in the year.
  await addCase(db, { ...u, code: 'F', accepted: '2026-08-01', amount: 5 * M, history: [['withdrawn', '2026-10-20']] });
  // G: without conditions by decision.
  await addCase(db, { ...u, code: 'G', accepted: '2026-11-01', amount: 200 * M, flags: ['credit', 'complaint'], history: [['no_conditions', '2026-12-15']] });
  // H: terminated after a partial collection: done money is all 60 M (15 collected + 45 remaining).
  await addCase(db, { ...u, code: 'H', accepted: '2026-10-15', amount: 60 * M, flags: ['credit'], history: [['terminated', '2027-01-10']], collections: [['2026-12-01', 15 * M]] });
  // I: above 2^31 VND, completed by two collections.
  await addCase(db, { ...u, code: 'I', accepted: '2026-10-20', amount: 5_000 * M, flags: ['complaint'], history: [['completed', '2027-03-01']], collections: [['2027-02-01', 3_000 * M], ['2027-03-01', 2_000 * M]] });
  // J: no money at stake, completed.
  await addCase(db, { ...u, code: 'J', accepted: '2026-11-05', amount: 0, history: [['completed', '2027-01-20']] });
  // K: carried over, postponed in the year.
  await addCase(db, { ...u, code: 'K', accepted: '2026-03-01', amount: 30 * M, flags: ['complex'], history: [['postponed', '2026-12-01']] });
  // L: new, suspended.
  await addCase(db, { ...u, code: 'L', accepted: '2027-01-05', amount: 8 * M, history: [['suspended', '2027-02-10']] });
  // M: carried over while postponed, resumed, completed on `at` itself; 5 M paid before the year.
  await addCase(db, {
    ...u, code: 'M', accepted: '2025-06-01', amount: 20 * M,
    history: [['postponed', '2025-09-01'], ['enforcing', '2026-10-15'], ['completed', '2027-03-31']],
    collections: [['2025-08-01', 5 * M], ['2027-03-31', 15 * M]],
  });
  // N: in work year 2026 only, completed there.
  await addCase(db, { ...u, code: 'N', accepted: '2025-11-01', amount: 10 * M, history: [['completed', '2026-02-01']], collections: [['2026-02-01', 10 * M]] });

  await addCase(db, { unitId: l2, code: 'P1', accepted: '2026-10-02', amount: 1 * M, history: [['completed', '2026-11-01']], collections: [['2026-11-01', 1 * M]] });
  await addCase(db, { unitId: l2, code: 'P2', accepted: '2026-12-01', amount: 3 * M });
  await addCase(db, { unitId: l3, code: 'Q1', accepted: '2026-10-03', amount: 7 * M, history: [['no_conditions', '2026-10-20']] });
  await db.insert(targets).values({ unitId: l1, workYear: 2027, casesRate: 60, moneyRate: 50, carriedCasesCut: 5, carriedMoneyCut: 5 });
}

type Parts = Pick<Books, 'carried_over' | 'new' | 'entrusted' | 'withdrawn' | 'without_conditions' | 'completed' | 'terminated' | 'enforcing' | 'postponed' | 'suspended' | 'rate'>;

/** A column of the books from its parts, every other row derived by the identities of CONTRACT.md. */
const books = (b: Parts): Books => {
  const done = b.completed + b.terminated;
  const carriedWithConditions = b.enforcing + b.postponed + b.suspended;
  const withConditions = done + carriedWithConditions;
  const toEnforce = withConditions + b.without_conditions;
  return {
    carried_over: b.carried_over, new: b.new, total: b.carried_over + b.new, entrusted: b.entrusted, withdrawn: b.withdrawn,
    to_enforce: toEnforce, with_conditions: withConditions, without_conditions: b.without_conditions,
    completed: b.completed, terminated: b.terminated, done, enforcing: b.enforcing, postponed: b.postponed, suspended: b.suspended,
    carried_to_next: toEnforce - done, carried_with_conditions: carriedWithConditions, rate: b.rate,
  };
};

describe.each(drivers)('the official numbers on %s', (driver) => {
  let handle: TestDb;
  beforeAll(async () => {
    handle = await openTestDb(driver);
    await seed(handle.db);
  });
  afterAll(() => handle.close());

  it('counts every kind of case of a local unit by cases and by money', async () => {
    const s = await getSummary(handle.db, 'L1', '2027-03-31', options);
    expect(s).toMatchObject({ unit: 'L1', kind: 'local', work_year: 2027, from: '2026-10-01', at: '2027-03-31' });
    expect(s.cases).toEqual(
      books({ carried_over: 4, new: 7, entrusted: 1, withdrawn: 1, without_conditions: 1,
        completed: 3, terminated: 1, enforcing: 2, postponed: 1, suspended: 1, rate: 50 }),
    );
    expect(s.money).toEqual(
      // Completed: I 5,000 + M 15 + the 20 collected on A, still enforcing (50 of its 70 owed).
      books({ carried_over: 120 * M, new: 5_318 * M, entrusted: 10 * M, withdrawn: 5 * M, without_conditions: 200 * M,
        completed: 5_035 * M, terminated: 60 * M, enforcing: 90 * M, postponed: 30 * M, suspended: 8 * M, rate: 97.55 }),
    );
    expect(s.money).toMatchObject({ total: 5_438 * M, with_conditions: 5_223 * M, done: 5_095 * M, carried_with_conditions: 128 * M });
    expect(s.targets).toEqual({ cases_rate: 60, money_rate: 50, carried_cases_cut: 5, carried_money_cut: 5 });
    // Credit cases to enforce: A (70 M owed, 20 M collected), H (terminated, 60 M), G (without
    // conditions, 200 M); E was entrusted away. Flags count cases still in hand: G and K, not I (completed).
    expect(s.credit).toEqual({ cases: 3, money: 330 * M, done_cases: 1, done_money: 80 * M });
    expect(s.flags).toEqual({ complaint: 1, complex: 1 });
    // Same day of work year 2026: B, K, M (carried while postponed) and N; only N done.
    expect(s.same_period_last_year).toMatchObject({ at: '2026-03-31', cases_rate: 25, money_rate: 9.52 });
    // Beside the rates, that day's whole books, so the results table compares the volumes too.
    const lastYear = await getSummary(handle.db, 'L1', '2026-03-31', options);
    expect(s.same_period_last_year.cases).toEqual(lastYear.cases);
    expect(s.same_period_last_year.money).toEqual(lastYear.money);
  });

  it('adds up a province over its units', async () => {
    const s = await getSummary(handle.db, 'p', '2027-03-31', options);
    expect(s.cases).toEqual(
      books({ carried_over: 4, new: 10, entrusted: 1, withdrawn: 1, without_conditions: 2,
        completed: 4, terminated: 1, enforcing: 3, postponed: 1, suspended: 1, rate: 50 }),
    );
    expect(s.money).toEqual(
      books({ carried_over: 120 * M, new: 5_329 * M, entrusted: 10 * M, withdrawn: 5 * M, without_conditions: 207 * M,
        completed: 5_036 * M, terminated: 60 * M, enforcing: 93 * M, postponed: 30 * M, suspended: 8 * M, rate: 97.49 }),
    );
    expect(s.money).toMatchObject({ total: 5_449 * M, with_conditions: 5_227 * M, done: 5_096 * M });
    expect(s.targets).toBeNull();
    expect(s.credit).toEqual({ cases: 3, money: 330 * M, done_cases: 1, done_money: 80 * M });
    expect(s.flags).toEqual({ complaint: 1, complex: 1 });
  });

  it('gives null rates to a unit with nothing with conditions', async () => {
    const s = await getSummary(handle.db, 'L3', '2027-03-31', options);
    expect(s.cases).toMatchObject({ total: 1, without_conditions: 1, with_conditions: 0, rate: null });
    expect(s.money).toMatchObject({ total: 7 * M, with_conditions: 0, rate: null });
  });

  it('closes the books on 30 September and opens new ones on 1 October', async () => {
    const last = await getSummary(handle.db, 'L1', '2026-09-30', options);
    expect(last).toMatchObject({ work_year: 2026, from: '2025-10-01' });
    // A, B, F, K, N new in 2026; M carried over (postponed on 30 Sep 2025); B and N done.
    expect(last.cases).toMatchObject({ carried_over: 1, new: 5, total: 6, with_conditions: 6, done: 2, rate: 33.33 });
    expect(last.money).toMatchObject({ with_conditions: 210 * M, done: 90 * M, rate: 42.86 });
    const first = await getSummary(handle.db, 'L1', '2026-10-01', options);
    expect(first).toMatchObject({ work_year: 2027, from: '2026-10-01' });
    // B and N were done before the year; A, F, K, M are carried over; nothing done yet.
    expect(first.cases).toMatchObject({ carried_over: 4, new: 0, total: 4, done: 0, rate: 0 });
    expect(first.money).toMatchObject({ carried_over: 120 * M, done: 0 });
  });

  it('compares a 29 February with 28 February of the year before', async () => {
    const leap = await getSummary(handle.db, 'L1', '2028-02-29', options);
    expect(leap.same_period_last_year).toMatchObject({ at: '2027-02-28', cases_rate: 25, money_rate: 58.97 });
    const direct = await getSummary(handle.db, 'L1', '2027-02-28', options);
    expect([direct.cases.rate, direct.money.rate]).toEqual([25, 58.97]);
  });

  it('ranks a province’s units by rate by cases, then by money, with no rate last', async () => {
    const r = await getRanking(handle.db, 'P', '2027-03-31', options);
    expect(r.by).toBe('units');
    expect(r.rows.map((row) => [row.rank, row.code, row.cases.rate, row.money.rate])).toEqual([
      [1, 'L1', 50, 97.55],
      [2, 'L2', 50, 25],
      [3, 'L3', null, null],
    ]);
    expect(r.rows[0]!.meets).toEqual({ cases_rate: false, money_rate: true });
    expect(r.rows[1]!.meets).toEqual({ cases_rate: null, money_rate: null });
  });

  it('reads a status from the previous change when the latest is after the date', async () => {
    // R1 is postponed, then completed later: cases.status says completed, prev_status postponed.
    const l5 = await addUnit(handle.db, 'L5', 'local');
    await addCase(handle.db, {
      unitId: l5, code: 'R1', accepted: '2026-10-03', amount: 4 * M,
      history: [['postponed', '2026-11-01'], ['completed', '2027-05-01']], collections: [['2027-05-01', 4 * M]],
    });
    const on = async (at: string) => (await getSummary(handle.db, 'L5', at, options)).cases;
    expect(await on('2026-10-20')).toMatchObject({ with_conditions: 1, postponed: 0, done: 0 });
    expect(await on('2027-03-31')).toMatchObject({ with_conditions: 1, postponed: 1, done: 0 });
    expect(await on('2027-05-01')).toMatchObject({ with_conditions: 1, postponed: 0, completed: 1, rate: 100 });
  });

  it('keeps every đồng collected in the year in done, whatever became of the case (the money edge cases)', async () => {
    const l6 = await addUnit(handle.db, 'L6', 'local');
    const u = { unitId: l6 };
    // E1: 10 M paid, then without conditions: 40 M still owed sits in without_conditions.
    await addCase(handle.db, { ...u, code: 'E1', accepted: '2026-10-05', amount: 50 * M, history: [['no_conditions', '2026-12-01']], collections: [['2026-11-01', 10 * M]] });
    // E2: 5 M paid, then entrusted away: 25 M leaves the books with it.
    await addCase(handle.db, { ...u, code: 'E2', accepted: '2026-10-06', amount: 30 * M, history: [['entrusted', '2026-11-10']], collections: [['2026-10-20', 5 * M]] });
    // E3: carried over, 20 M paid before 1 October (in the books for 80 M) and 30 M after it.
    await addCase(handle.db, { ...u, code: 'E3', accepted: '2026-06-01', amount: 100 * M, collections: [['2026-09-15', 20 * M], ['2026-10-15', 30 * M]] });
    // E4: completed with no payment recorded: its whole 12 M is done.
    await addCase(handle.db, { ...u, code: 'E4', accepted: '2026-10-07', amount: 12 * M, history: [['completed', '2026-12-20']] });
    // E5: 4 M paid, then postponed: 16 M postponed.
    await addCase(handle.db, { ...u, code: 'E5', accepted: '2026-10-08', amount: 20 * M, history: [['postponed', '2027-01-01']], collections: [['2026-12-01', 4 * M]] });
    // E6: paid more than it owed (a correction pending): counted for what it owed, 6 M, never more.
    await addCase(handle.db, { ...u, code: 'E6', accepted: '2026-10-09', amount: 6 * M, collections: [['2026-11-01', 7 * M]] });

    const s = await getSummary(handle.db, 'L6', '2027-03-31', options);
    expect(s.cases).toEqual(
      books({ carried_over: 1, new: 5, entrusted: 1, withdrawn: 0, without_conditions: 1,
        completed: 1, terminated: 0, enforcing: 2, postponed: 1, suspended: 0, rate: 25 }),
    );
    // Completed: E4 12 + what was collected on the others, E1 10 + E2 5 + E3 30 + E5 4 + E6 6 = 67 M.
    expect(s.money).toEqual(
      books({ carried_over: 80 * M, new: 118 * M, entrusted: 25 * M, withdrawn: 0, without_conditions: 40 * M,
        completed: 67 * M, terminated: 0, enforcing: 50 * M, postponed: 16 * M, suspended: 0, rate: 50.38 }),
    );
    expectSummaryAddsUp(s);
    // The 20 M paid on E3 before 1 October was done in work year 2026, and only there.
    const before = await getSummary(handle.db, 'L6', '2026-09-30', options);
    expect(before.money).toEqual(
      books({ carried_over: 0, new: 100 * M, entrusted: 0, withdrawn: 0, without_conditions: 0,
        completed: 20 * M, terminated: 0, enforcing: 80 * M, postponed: 0, suspended: 0, rate: 20 }),
    );
  });

  it('judges all four targets, the carried cuts against the last day of the previous work year', async () => {
    const s = await getSummary(handle.db, 'L1', '2027-03-31', options);
    // 30 Sep 2026: A (70 M owed), F (5), K (30) enforcing and M (15) postponed. Now: A 50, D 40, K 30, L 8.
    expect(s.carried_cut).toEqual({ base_at: '2026-09-30', cases_base: 4, money_base: 120 * M, cases: 0, money: -6.67 });
    expect(s.targets_met).toEqual({ cases_rate: false, money_rate: true, carried_cases_cut: false, carried_money_cut: false, count: 1 });
    // The first day of the year: nothing done, nothing cut yet.
    const first = await getSummary(handle.db, 'L1', '2026-10-01', options);
    expect(first.carried_cut).toEqual({ base_at: '2026-09-30', cases_base: 4, money_base: 120 * M, cases: 0, money: 0 });
    expect(first.targets_met).toEqual({ cases_rate: false, money_rate: false, carried_cases_cut: false, carried_money_cut: false, count: 0 });
    // The last day of work year 2026 compares with 30 Sep 2025 (M alone, 15 M owed); no targets for 2026.
    const last = await getSummary(handle.db, 'L1', '2026-09-30', options);
    expect(last.carried_cut).toEqual({ base_at: '2025-09-30', cases_base: 1, money_base: 15 * M, cases: -300, money: -700 });
    expect(last.targets_met).toBeNull();
  });

  it('leaves a target with no rate or no base unjudged, and not counted as met', async () => {
    const l7 = await addUnit(handle.db, 'L7', 'local');
    await addCase(handle.db, { unitId: l7, code: 'T1', accepted: '2026-10-15', amount: 10 * M, history: [['completed', '2026-11-01']], collections: [['2026-11-01', 10 * M]] });
    await handle.db.insert(targets).values({ unitId: l7, workYear: 2027, casesRate: 80, moneyRate: 50, carriedCasesCut: 5, carriedMoneyCut: 5 });
    const s = await getSummary(handle.db, 'L7', '2027-03-31', options);
    expect(s.carried_cut).toEqual({ base_at: '2026-09-30', cases_base: 0, money_base: 0, cases: null, money: null });
    expect(s.targets_met).toEqual({ cases_rate: true, money_rate: true, carried_cases_cut: null, carried_money_cut: null, count: 2 });
    const empty = await getSummary(handle.db, 'L7', '2026-10-10', options);
    expect([empty.cases.rate, empty.money.rate]).toEqual([null, null]);
    expect(empty.targets_met).toEqual({ cases_rate: null, money_rate: null, carried_cases_cut: null, carried_money_cut: null, count: 0 });
  });

  it('shares one computation between concurrent identical requests, and keeps it only on the embedded database', async () => {
    const cache = createTestCache(handle.db);
    const [a, b, other] = await Promise.all([
      getSummaryShared(handle.db, 'L1', '2027-03-31', options, cache),
      getSummaryShared(handle.db, 'l1', '2027-03-31', options, cache),
      getSummaryShared(handle.db, 'L1', '2027-03-30', options, cache),
    ]);
    expect(a).toBe(b);
    expect(other).not.toBe(a);
    // PGlite has one writer, this process, so the result stands until it writes; PostgreSQL has others.
    const again = await getSummaryShared(handle.db, 'L1', '2027-03-31', options, cache);
    if (driver === 'pglite') expect(again).toBe(a);
    else expect(again).not.toBe(a);
    cache.changed('figures'); // as a writer says after its write
    expect(await getSummaryShared(handle.db, 'L1', '2027-03-31', options, cache)).not.toBe(a);
    expect(a).toEqual(await getSummary(handle.db, 'L1', '2027-03-31', options));
  });

  it('refuses an unknown unit with a user error', async () => {
    await expect(getSummary(handle.db, 'NOPE', '2027-03-31', options)).rejects.toMatchObject({ code: 'unit_not_found', params: { unit: 'NOPE' } });
  });
});
