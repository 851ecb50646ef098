import { type SQL, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client.ts';
import { DEMO_PROVINCE_CODE, DemoAlreadyLoadedError, generateDemo, seedDemo } from '../../db/demo/index.ts';
import type { DemoCase } from '../../db/demo/types.ts';
import { addDays, workYearEnd, workYearOf, workYearStart } from '../../db/work-year.ts';
import { drivers, openTestDb, type TestDb } from '../helpers/db.ts';
import { noCache } from '../../db/result-cache.ts';

const today = '2026-03-15';

/** One value per query: the first column of the first row, as text. */
async function one(handle: TestDb, query: SQL): Promise<string> {
  const rows = await queryRows<{ v: unknown }>(handle.db, query);
  return String(rows[0]?.v);
}

/** A digest of every case and collection in code order, to compare two databases. */
function digest(handle: TestDb): Promise<string> {
  return one(
    handle,
    sql`select md5(
      (select string_agg(concat_ws('|', c.code, u.code, s.code, c.decision_no, c.decision_date, c.accepted_date,
         c.amount, c.status, c.status_date, c.verified_on, c.due_date, array_to_string(c.flags, ';')), E'\n' order by c.code)
       from cases c join units u on u.id = c.unit_id left join staff s on s.id = c.officer_id)
      || (select string_agg(concat_ws('|', c.code, k.collected_on, k.amount), E'\n' order by c.code, k.collected_on, k.amount)
       from collections k join cases c on c.id = k.case_id)) as v`,
  );
}

describe.each(drivers)('seedDemo on %s', (driver) => {
  let handle: TestDb;
  beforeAll(async () => {
    handle = await openTestDb(driver);
    await seedDemo(handle.db, { today, changes: noCache });
  });
  afterAll(() => handle?.close());

  it('loads a province with 9 local units, about 40 staff and a few thousand cases', async () => {
    type Counts = Record<'local' | 'province' | 'staff' | 'cases' | 'history' | 'collections' | 'oversees' | 'findings' | 'audit', number>;
    const counts = await queryRows<Counts>(
      handle.db,
      sql`select (select count(*)::int from units where kind = 'local') as local,
        (select count(*)::int from units where kind = 'province' and code = ${DEMO_PROVINCE_CODE}) as province,
        (select count(*)::int from staff) as staff, (select count(*)::int from cases) as cases,
        (select count(*)::int from case_status_history) as history, (select count(*)::int from collections) as collections,
        (select count(*)::int from staff_oversees) as oversees, (select count(*)::int from findings) as findings,
        (select count(*)::int from audit_log where action = 'seed_demo') as audit`,
    );
    const c = counts[0]!;
    expect(c).toMatchObject({ local: 9, province: 1, oversees: 9, audit: 1 });
    expect(c.staff).toBeGreaterThanOrEqual(35);
    expect(c.staff).toBeLessThanOrEqual(50);
    expect(c.cases).toBeGreaterThanOrEqual(2000);
    expect(c.cases).toBeLessThanOrEqual(5000);
    expect(c.history).toBe(c.cases);
    expect(c.collections).toBeGreaterThan(c.cases / 2);
    expect(c.findings).toBeGreaterThanOrEqual(4);
    expect(Number(await one(handle, sql`select max(amount)::text as v from cases`))).toBeGreaterThan(2 ** 31);
  });

  it('keeps every case consistent with its unit, its dates, its history and its money', async () => {
    const bad = await queryRows<Record<string, number>>(
      handle.db,
      sql`select
        (select count(*)::int from cases c join staff s on s.id = c.officer_id
          where s.unit_id <> c.unit_id or s.role <> 'officer') as officer,
        (select count(*)::int from cases where status_date > ${today} or status_date < accepted_date
          or decision_date > accepted_date or verified_on > ${today} or verified_on < accepted_date
          or (status = 'enforcing' and status_date <> accepted_date)) as dates,
        (select count(*)::int from collections k join cases c on c.id = k.case_id
          where k.collected_on > ${today} or k.collected_on < c.accepted_date
          or (c.status <> 'enforcing' and k.collected_on > c.status_date) or k.amount <= 0) as collected,
        (select count(*)::int from cases c left join case_status_history h on h.case_id = c.id
          where h.id is null or h.status <> c.status or h.effective_date <> c.status_date or h.source <> 'import') as history,
        (select count(*)::int from cases c where c.status = 'completed' and c.amount > 0 and c.amount <>
          (select coalesce(sum(k.amount), 0) from collections k where k.case_id = c.id)) as unpaid,
        (select count(*)::int from cases c where c.status <> 'completed' and c.amount > 0 and c.amount <=
          (select coalesce(sum(k.amount), 0) from collections k where k.case_id = c.id)) as overpaid`,
    );
    expect(bad[0]).toEqual({ officer: 0, dates: 0, collected: 0, history: 0, unpaid: 0, overpaid: 0 });
  });

  it('gives byte-identical rows for the same day in another fresh database', async () => {
    const other = await openTestDb(driver);
    try {
      await seedDemo(other.db, { today, changes: noCache });
      const mine = await digest(handle);
      expect(mine).toMatch(/^[0-9a-f]{32}$/);
      expect(await digest(other)).toBe(mine);
    } finally {
      await other.close();
    }
  });

  it('refuses to load the demo twice and leaves the data alone', async () => {
    const before = await one(handle, sql`select count(*)::int as v from cases`);
    await expect(seedDemo(handle.db, { today, changes: noCache })).rejects.toBeInstanceOf(DemoAlreadyLoadedError);
    expect(await one(handle, sql`select count(*)::int as v from cases`)).toBe(before);
  });
});

describe('generateDemo', () => {
  it('is a pure function of today', () => {
    expect(generateDemo(today)).toEqual(generateDemo(today));
    expect(() => generateDemo('2026-02-30')).toThrow(/YYYY-MM-DD/);
  });

  // Rough official counting (DOMAIN.md), enough to keep the calibration honest after edits.
  it.each(['2025-11-20', today, '2026-09-20', '2027-06-01'])('has realistic rates for the year before %s', (day) => {
    const year = workYearOf(day) - 1;
    const [from, at] = [workYearStart(year), workYearEnd(year)];
    const { cases } = generateDemo(day);
    const statusOn = (c: DemoCase, d: string) => (c.statusDate <= d ? c.status : 'enforcing');
    const paid = (c: DemoCase, lo: string, hi: string) =>
      c.collections.filter((k) => k.date >= lo && k.date <= hi).reduce((sum, k) => sum + k.amount, 0);
    let [withConditions, done, money, moneyDone] = [0, 0, 0, 0];
    for (const c of cases) {
      if (c.acceptedDate > at) continue;
      const carried = c.acceptedDate < from;
      if (carried && ['completed', 'terminated', 'entrusted', 'withdrawn'].includes(statusOn(c, addDays(from, -1)))) continue;
      const status = statusOn(c, at);
      if (['entrusted', 'withdrawn', 'no_conditions'].includes(status)) continue;
      withConditions++;
      money += c.amount - (carried ? paid(c, '0000-01-01', addDays(from, -1)) : 0);
      moneyDone += paid(c, from, at) + (status === 'terminated' ? c.amount - paid(c, '0000-01-01', at) : 0);
      if (status === 'completed' || status === 'terminated') done++;
    }
    expect((100 * done) / withConditions).toBeGreaterThan(75);
    expect((100 * done) / withConditions).toBeLessThan(86);
    expect((100 * moneyDone) / money).toBeGreaterThan(32);
    expect((100 * moneyDone) / money).toBeLessThan(56);
  });
});
