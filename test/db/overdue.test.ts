import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCalendar } from '../../db/calendar.ts';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.ts';
import { getOverdue } from '../../db/numbers/overdue.ts';
import { getOverdueDigest } from '../../db/numbers/overdue-digest.ts';
import { getSummary } from '../../db/numbers/summary.ts';
import { defaultOverdueRules } from '../../db/overdue-rules.ts';
import { type CaseStatus, findings, inspections } from '../../db/schema.ts';
import { addDays, daysBetween } from '../../db/work-year.ts';
import { drivers, openTestDb, type TestDb } from '../helpers/db.ts';
import { addCase, addStaff, addUnit } from '../helpers/fixtures.ts';

const options = { calendar: createCalendar(), rules: defaultOverdueRules };
const AT = '2027-02-15'; // a Monday, just after Tết 2027

/** One unit, each case built to sit just on one side of a time limit on AT. */
async function seed(db: TestDb['db']) {
  const unitId = await addUnit(db, 'L4', 'local');
  const officerId = await addStaff(db, 'L4-CHV01', unitId);
  const u = { unitId, officerId, amount: 10_000_000 };
  // Verification due = decision + 3 working days (notification) + 10 + 10 days.
  // Due Sunday 14/02, so Monday 15/02: not late on AT, late from 16/02.
  await addCase(db, { ...u, code: 'O1', decision: '2027-01-20', accepted: '2027-01-18' });
  await addCase(db, { ...u, code: 'O2', decision: '2027-01-21', accepted: '2027-01-18' }); // due 15/02: not yet late
  await addCase(db, { ...u, code: 'O3', decision: '2027-01-04', accepted: '2027-01-04', verifiedOn: '2027-01-30' });
  await addCase(db, { ...u, code: 'O4', accepted: '2027-01-04', verifiedOn: '2027-01-10', dueDate: '2027-02-10' }); // leader's deadline
  await addCase(db, { ...u, code: 'O5', accepted: '2027-01-04', verifiedOn: '2027-01-10', dueDate: '2027-02-10', history: [['completed', '2027-02-01']] });
  await addCase(db, { ...u, code: 'O6', accepted: '2026-06-01', history: [['no_conditions', '2026-08-01']] }); // re-verify by 01/02
  await addCase(db, { ...u, code: 'O7', accepted: '2026-06-01', verifiedOn: '2026-12-01', history: [['no_conditions', '2026-09-01']] });
  await addCase(db, { ...u, code: 'O8', accepted: '2026-01-10', verifiedOn: '2026-02-20' }); // a year on Sunday 10/01, so 11/01
  await addCase(db, { ...u, code: 'O9', accepted: '2026-02-20', verifiedOn: '2026-03-01', history: [['postponed', '2026-05-01']] });
  // Decided long ago but verified: only its deadline counts, so it must not sort as a late verification.
  await addCase(db, { ...u, code: 'O10', decision: '2026-12-20', accepted: '2026-12-20', verifiedOn: '2027-01-05', dueDate: '2027-02-12' });
  await addCase(db, { ...u, code: 'T1', decision: '2027-02-03', accepted: '2027-02-03', amount: 5_000_000, collections: [['2027-02-04', 1_000_000]] });
  const [insp] = await db.insert(inspections).values({ code: 'KT-1', unitId, kind: 'comprehensive', concludedOn: '2026-12-01', title: 'Kiểm tra toàn diện' }).returning();
  const f = { inspectionId: insp!.id, description: 'Chậm xác minh', remedy: 'Xác minh ngay', responsibleId: officerId };
  await db.insert(findings).values([
    { ...f, code: 'F1', dueDate: '2027-02-01', status: 'open' },
    { ...f, code: 'F2', dueDate: '2027-01-01', status: 'reported' },
    { ...f, code: 'F3', dueDate: '2027-03-01', status: 'open' },
  ]);
}

describe.each(drivers)('overdue cases on %s', (driver) => {
  let handle: TestDb;
  beforeAll(async () => {
    handle = await openTestDb(driver);
    await seed(handle.db);
  });
  afterAll(() => handle.close());

  it('lists each broken time limit with its due day, most overdue first', async () => {
    const report = await getOverdue(handle.db, 'L4', AT, options);
    expect(report.total_cases).toBe(4);
    expect(report.cases.map((c) => [c.code, c.days_overdue, c.reasons])).toEqual([
      ['O8', 35, [{ reason: 'stale_with_conditions', due: '2027-01-11', months: 12 }]],
      ['O6', 14, [{ reason: 'reverification_due', due: '2027-02-01', months: 6 }]],
      ['O4', 5, [{ reason: 'deadline', due: '2027-02-10' }]],
      ['O10', 3, [{ reason: 'deadline', due: '2027-02-12' }]],
    ]);
    expect(report.cases[0]).toMatchObject({ officer: 'L4-CHV01', status: 'enforcing', amount: 10_000_000, remaining: 10_000_000 });
    expect(report.findings.map((f) => [f.code, f.days_overdue])).toEqual([['F1', 14]]);
    expect((await getSummary(handle.db, 'L4', AT, options)).overdue).toBe(4);
    const next = await getOverdue(handle.db, 'L4', '2027-02-16', options);
    expect(next.cases.find((c) => c.code === 'O1')).toMatchObject({ reasons: [{ reason: 'verification_late', due: '2027-02-15' }], days_overdue: 1 });
  });

  it('counts the Tết days off in the verification limit', async () => {
    // T1: decided 03/02/2027; notification by 11/02 (Tết); the voluntary period ends Sunday 21/02,
    // so Monday 22/02; verification due 04/03.
    const onDue = await getOverdue(handle.db, 'L4', '2027-03-04', options);
    expect(onDue.cases.find((c) => c.code === 'T1')).toBeUndefined();
    const after = await getOverdue(handle.db, 'L4', '2027-03-05', options);
    expect(after.cases.find((c) => c.code === 'T1')).toMatchObject({
      reasons: [{ reason: 'verification_late', due: '2027-03-04' }],
      days_overdue: 1,
      remaining: 4_000_000,
    });
  });

  it('follows configured rules instead of the defaults', async () => {
    // O2: notified 26/01; the voluntary period ends on New Year's Eve 05/02, so on 10/02 after Tết;
    // 5 days later is 15/02 (by default, 10 days: Saturday 20/02, so 22/02).
    const strict = { ...options, rules: { ...defaultOverdueRules, verifyDays: 5 } };
    const report = await getOverdue(handle.db, 'L4', '2027-02-16', strict);
    expect(report.cases.find((c) => c.code === 'O2')).toMatchObject({ reasons: [{ reason: 'verification_late', due: '2027-02-15' }] });
    expect((await getOverdue(handle.db, 'L4', '2027-02-16', options)).cases.find((c) => c.code === 'O2')).toBeUndefined();
  });

  it('adds months forward at a month’s end: checked 28/02, due 28/08, overdue from 29/08', async () => {
    const unitId = await addUnit(handle.db, 'ME', 'local');
    await addCase(handle.db, { unitId, code: 'ME1', accepted: '2025-10-01', verifiedOn: '2026-02-28', amount: 0, history: [['no_conditions', '2026-02-28']] });
    // With conditions since 29/02/2024: twelve months on is 28/02/2025.
    await addCase(handle.db, { unitId, code: 'ME2', accepted: '2024-02-29', verifiedOn: '2024-03-05', amount: 0 });
    const on = async (at: string) => (await getOverdue(handle.db, 'ME', at, options)).cases.map((c) => `${c.code} ${c.reasons.map((r) => r.due).join(' ')}`);
    expect(await on('2025-02-28')).toEqual([]);
    expect(await on('2025-03-01')).toEqual(['ME2 2025-02-28']);
    expect(await on('2026-08-28')).toEqual(['ME2 2025-02-28']);
    expect(await on('2026-08-29')).toEqual(['ME2 2025-02-28', 'ME1 2026-08-28']);
    // The summary's count reads the rules the same way.
    expect((await getSummary(handle.db, 'ME', '2026-08-28', options)).overdue).toBe(1);
    expect((await getSummary(handle.db, 'ME', '2026-08-29', options)).overdue).toBe(2);
  });

  it('leaves postponed and suspended cases out of "a year with conditions": they are legally paused', async () => {
    const unitId = await addUnit(handle.db, 'PS', 'local');
    const u = { unitId, accepted: '2025-06-02', verifiedOn: '2025-06-20', amount: 1_000_000 };
    await addCase(handle.db, { ...u, code: 'PS0' });
    await addCase(handle.db, { ...u, code: 'PS1', history: [['postponed', '2025-09-01']] });
    await addCase(handle.db, { ...u, code: 'PS2', history: [['suspended', '2025-09-01']] });
    // Postponed then resumed: enforcing again, so it counts.
    await addCase(handle.db, { ...u, code: 'PS3', history: [['postponed', '2025-09-01'], ['enforcing', '2026-01-05']] });
    const report = await getOverdue(handle.db, 'PS', '2026-07-01', options);
    expect(report.cases.map((c) => [c.code, c.reasons.map((r) => r.reason)])).toEqual([
      ['PS0', ['stale_with_conditions']],
      ['PS3', ['stale_with_conditions']],
    ]);
    expect(report.total_cases).toBe(2);
    expect((await getSummary(handle.db, 'PS', '2026-07-01', options)).overdue).toBe(2);
  });

  it('re-verifies a case without conditions yearly when flagged prison or unknown_address, 6-monthly otherwise (Article 44)', async () => {
    const unitId = await addUnit(handle.db, 'RV', 'local');
    const u = { unitId, accepted: '2025-10-01', verifiedOn: '2026-03-10', amount: 1_000_000, history: [['no_conditions', '2026-03-10']] as [CaseStatus, string][] };
    await addCase(handle.db, { ...u, code: 'RV0' });
    await addCase(handle.db, { ...u, code: 'RV1', flags: ['prison'] });
    await addCase(handle.db, { ...u, code: 'RV2', flags: ['unknown_address'] });
    await addCase(handle.db, { ...u, code: 'RV3', flags: ['credit', 'complaint'] }); // other flags change nothing
    const on = async (at: string, o = options) =>
      (await getOverdue(handle.db, 'RV', at, o)).cases.map((c) => `${c.code} ${c.reasons.map((r) => `${r.reason} ${r.due}`).join(' ')}`);
    // Six months from Tuesday 10/03/2026 is Thursday 10/09; a year is Wednesday 10/03/2027.
    expect(await on('2026-09-10')).toEqual([]);
    expect(await on('2026-09-11')).toEqual(['RV0 reverification_due 2026-09-10', 'RV3 reverification_due 2026-09-10']);
    expect(await on('2027-03-10')).toEqual(['RV0 reverification_due 2026-09-10', 'RV3 reverification_due 2026-09-10']);
    expect(await on('2027-03-11')).toEqual([
      'RV0 reverification_due 2026-09-10',
      'RV3 reverification_due 2026-09-10',
      'RV1 reverification_due 2027-03-10',
      'RV2 reverification_due 2027-03-10',
    ]);
    expect((await getSummary(handle.db, 'RV', '2027-03-11', options)).overdue).toBe(4);
    // Configured: the flagged ones every 9 months (due Thursday 10/12/2026).
    const nine = { ...options, rules: { ...defaultOverdueRules, reverifyFlaggedMonths: 9 } };
    expect(await on('2026-12-11', nine)).toEqual([
      'RV0 reverification_due 2026-09-10',
      'RV3 reverification_due 2026-09-10',
      'RV1 reverification_due 2026-12-10',
      'RV2 reverification_due 2026-12-10',
    ]);
  });

  it('moves a calendar-day (or month) limit that ends on a Saturday, a Sunday or in Tết to the next working day', async () => {
    const unitId = await addUnit(handle.db, 'DO', 'local');
    const u = { unitId, amount: 1_000_000 };
    // Verification (3 working days + 10 + 10 days): ends Sunday 10/01/2027, so Monday 11/01.
    await addCase(handle.db, { ...u, code: 'D-SUN', decision: '2026-12-16', accepted: '2026-12-16' });
    // Ends Monday 08/02/2027, inside the Tết break (05/02–09/02), so Wednesday 10/02.
    await addCase(handle.db, { ...u, code: 'D-TET', decision: '2027-01-14', accepted: '2027-01-14' });
    // A year with conditions from Friday 13/03/2026 ends Saturday 13/03/2027, so Monday 15/03.
    await addCase(handle.db, { ...u, code: 'D-SAT', accepted: '2026-03-13', verifiedOn: '2026-03-20' });
    // Re-verification 6 months after 05/08/2026 ends on New Year's Eve 05/02/2027, so 10/02.
    await addCase(handle.db, { ...u, code: 'D-RV', accepted: '2026-07-01', verifiedOn: '2026-08-05', history: [['no_conditions', '2026-08-05']] });
    const on = async (at: string, o = options) =>
      (await getOverdue(handle.db, 'DO', at, o)).cases.map((c) => `${c.code} ${c.reasons.map((r) => r.due).join(' ')} ${c.days_overdue}`);
    const count = async (at: string) => (await getSummary(handle.db, 'DO', at, options)).overdue;

    expect(await on('2027-01-10')).toEqual([]); // the Sunday itself
    expect(await on('2027-01-11')).toEqual([]); // the Monday it moved to
    expect(await on('2027-01-12')).toEqual(['D-SUN 2027-01-11 1']);

    // In Tết and on the Wednesday they moved to, D-TET and D-RV are not overdue yet.
    for (const day of ['2027-02-08', '2027-02-09', '2027-02-10']) {
      expect(await on(day)).toEqual([`D-SUN 2027-01-11 ${daysBetween('2027-01-11', day)}`]);
    }
    expect(await on('2027-02-11')).toEqual(['D-SUN 2027-01-11 31', 'D-RV 2027-02-10 1', 'D-TET 2027-02-10 1']);
    expect(await count('2027-02-10')).toBe(1);
    expect(await count('2027-02-11')).toBe(3);

    const sat = async (at: string) => (await on(at)).filter((s) => s.startsWith('D-SAT'));
    expect(await sat('2027-03-14')).toEqual([]); // Sunday, the day after the Saturday
    expect(await sat('2027-03-15')).toEqual([]);
    expect(await sat('2027-03-16')).toEqual(['D-SAT 2027-03-15 1']);
    expect(await count('2027-03-15')).toBe(3);
    expect(await count('2027-03-16')).toBe(4);

    // A configured verification of 9 days makes D-SUN's limit end on Saturday 09/01: Monday 11/01 too.
    const nine = { ...options, rules: { ...defaultOverdueRules, verifyDays: 9 } };
    expect(await on('2027-01-10', nine)).toEqual([]);
    expect(await on('2027-01-11', nine)).toEqual([]);
    expect(await on('2027-01-12', nine)).toEqual(['D-SUN 2027-01-11 1']);
  });

  it('the daily digest sees a moved limit as new on the day after the working day it moved to', async () => {
    const [unit] = await queryRows<{ id: number }>(handle.db, sql`select id from units where code = 'DO'`);
    const digest = async (at: string, since: string) => {
      const entry = (await getOverdueDigest(handle.db, [unit!.id], at, options, { since, escalateBefore: '2000-01-01', listed: { fresh: 10, oldest: 10 } })).get(unit!.id);
      return { total: entry?.total ?? 0, fresh: entry?.fresh ?? 0 };
    };
    // Monday 15/03 is D-SAT's due day: overdue from Tuesday 16/03, new that day, no longer new on 17/03.
    expect(await digest('2027-03-15', '2027-03-12')).toEqual({ total: 3, fresh: 0 });
    expect(await digest('2027-03-16', '2027-03-15')).toEqual({ total: 4, fresh: 1 });
    expect(await digest('2027-03-17', '2027-03-16')).toEqual({ total: 4, fresh: 0 });
    // Wednesday 10/02 after Tết is the due day of D-TET and D-RV: both new on 11/02.
    expect(await digest('2027-02-11', '2027-02-10')).toEqual({ total: 3, fresh: 2 });
  });

  it('reads every rule alike in SQL and in due days, each day from January to March 2027', async () => {
    const ids = await queryRows<{ id: number; code: string }>(handle.db, sql`select id, code from units where code in ('L4', 'DO')`);
    for (let at = '2027-01-02'; at <= '2027-03-31'; at = addDays(at, 1)) {
      const since = options.calendar.workingDayBefore(at);
      const digests = await getOverdueDigest(handle.db, ids.map((u) => u.id), at, options, { since, escalateBefore: '2000-01-01', listed: { fresh: 50, oldest: 50 } });
      for (const unit of ids) {
        const report = await getOverdue(handle.db, unit.code, at, options);
        // Overdue in SQL only when a due day, moved off a day off, is before `at`.
        for (const c of report.cases) expect(c.days_overdue, `${c.code} on ${at}`).toBeGreaterThan(0);
        const fresh = report.cases.filter((c) => c.reasons.some((r) => r.due >= since)).length;
        const digest = digests.get(unit.id);
        expect({ total: digest?.total ?? 0, fresh: digest?.fresh ?? 0 }, `${unit.code} on ${at}`).toEqual({ total: report.total_cases, fresh });
      }
    }
  });

  it('respects the list limit but still counts every overdue case', async () => {
    const report = await getOverdue(handle.db, 'L4', AT, options, { limit: 3 });
    expect(report.total_cases).toBe(4);
    expect(report.cases.map((c) => c.code)).toEqual(['O8', 'O6', 'O4']);
  });
});
