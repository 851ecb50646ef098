import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCalendar } from '../../db/calendar.ts';
import { type Actor, recordCollection } from '../../db/case-updates/index.ts';
import { findPerson } from '../../db/identity.ts';
import { getSummary, getSummaryShared } from '../../db/numbers/summary.ts';
import { defaultOverdueRules } from '../../db/overdue-rules.ts';
import { claimUpdate } from '../../db/processed-updates.ts';
import { chatIdentities, staff, targets } from '../../db/schema.ts';
import { changesFigures, getWriteVersion, writtenTables } from '../../db/write-version.ts';
import { drivers, openTestDb, type TestDb } from '../helpers/db.ts';
import { addCase, addStaff, addUnit } from '../helpers/fixtures.ts';

describe('reading which tables a statement writes', () => {
  it.each([
    ['insert into "collections" ("case_id", "amount") values ($1, $2)', ['collections']],
    ['update "cases" set "status" = $1 where "id" = $2', ['cases']],
    ['delete from public.targets where id = $1', ['targets']],
    ['with moved as (update cases set unit_id = $1 returning id) insert into audit_log (action) select $2 from moved', ['cases', 'audit_log']],
    ['insert into "processed_updates" ("platform", "update_id") values ($1, $2) on conflict do nothing', ['processed_updates']],
    ['insert into "deliveries" (job) values ($1) on conflict (job) do update set status = excluded.status', ['deliveries']],
    ['select id from deliveries where status = $1 for update skip locked', []],
    ['select id from cases for no key update', []],
    ['select "updated_at", "update_id" from "processed_updates"', []],
    ['with recursive up as (select id from units) select * from up', []],
    ['create index on cases (unit_id)', ['*']],
    ['truncate table collections', ['collections']],
  ])('%s', (query, tables) => {
    expect([...writtenTables(query)].sort()).toEqual([...tables].sort());
  });

  it('counts a write of chat plumbing, the outbox or the audit trail as no change of figures', () => {
    expect(changesFigures('insert into "processed_updates" ("platform") values ($1)')).toBe(false);
    expect(changesFigures('delete from "dialogues" where "expires_at" < $1')).toBe(false);
    expect(changesFigures('insert into "audit_log" ("action") values ($1)')).toBe(false);
    expect(changesFigures('insert into "collections" ("amount") values ($1)')).toBe(true);
    expect(changesFigures('alter table cases add column x int')).toBe(true);
  });
});

const options = { calendar: createCalendar(), rules: defaultOverdueRules };
const clock = { now: new Date('2026-11-23T03:00:00Z'), today: '2026-11-23' };

describe.each(drivers)('answers kept between writes on %s', (driver) => {
  let handle: TestDb;
  let officer: Actor;
  let unitId: number;
  beforeAll(async () => {
    handle = await openTestDb(driver);
    unitId = await addUnit(handle.db, 'K1', 'local');
    officer = { staffId: await addStaff(handle.db, 'K1-CHV01', unitId), label: 'K1-CHV01', channel: 'telegram', isLeader: false };
    await addCase(handle.db, { code: 'K-1', unitId, officerId: officer.staffId, accepted: '2026-10-05', amount: 10_000_000 });
  });
  afterAll(() => handle.close());

  it('keeps a version only on the embedded database, where this process is the only writer', () => {
    const version = getWriteVersion(handle.db, 'figures');
    if (driver === 'pglite') expect(version).toEqual(expect.any(Number));
    else expect(version).toBeUndefined();
  });

  // PostgreSQL keeps no version (the test above): only the embedded database has one to move.
  if (driver === 'pglite') it('moves the figures version on data writes only', async () => {
    const db = handle.db;
    const before = getWriteVersion(db, 'figures')!;
    await claimUpdate(db, 'telegram', 'wv-1');
    await db.select().from(staff);
    expect(getWriteVersion(db, 'figures')).toBe(before);
    await db.transaction(async (tx) => {
      await tx.execute(sql`update cases set due_date = '2026-12-01' where code = 'K-1'`);
    });
    expect(getWriteVersion(db, 'figures')).toBeGreaterThan(before);
    const people = getWriteVersion(db, 'people')!;
    await db.update(staff).set({ locale: 'en' }).where(eq(staff.id, officer.staffId));
    expect(getWriteVersion(db, 'people')).toBeGreaterThan(people);
  });

  it('shows a collection in the next summary, and a changed target', async () => {
    const db = handle.db;
    const first = await getSummaryShared(db, 'K1', clock.today, options);
    expect(first).toEqual(await getSummary(db, 'K1', clock.today, options));
    expect(first.money.done).toBe(0);
    await recordCollection(db, 'K-1', { amount: 2_500_000, on: clock.today }, officer, clock);
    const second = await getSummaryShared(db, 'K1', clock.today, options);
    expect(second.money.done).toBe(2_500_000);
    await db.insert(targets).values({ unitId, workYear: 2027, casesRate: 80, moneyRate: 40, carriedCasesCut: 0, carriedMoneyCut: 0 });
    expect((await getSummaryShared(db, 'K1', clock.today, options)).targets?.cases_rate).toBe(80);
    // Every caller gets the same object: nobody may change it for the others.
    expect(() => {
      (second.money as { done: number }).done = -1;
    }).toThrow(TypeError);
  });

  if (driver === 'pglite') it('does not share a computation begun before a write with a request made after it', async () => {
    const db = handle.db;
    const before = (await getSummary(db, 'K1', clock.today, options)).money.done;
    await db.execute(sql`update units set name = name where code = 'K1'`); // nothing kept to start with
    const first = getSummaryShared(db, 'K1', clock.today, options);
    expect(getSummaryShared(db, 'K1', clock.today, options)).toBe(first);
    await recordCollection(db, 'K-1', { amount: 1_000_000, on: clock.today }, officer, clock);
    const after = getSummaryShared(db, 'K1', clock.today, options);
    expect(after).not.toBe(first);
    // The first may or may not have seen the write (its queries queue behind it); the later one has.
    await first;
    expect((await after).money.done).toBe(before + 1_000_000);
  });

  it('finds a person as soon as their account is linked, and not once they leave', async () => {
    const db = handle.db;
    expect(await findPerson(db, 'telegram', '4242')).toBeNull();
    await db.insert(chatIdentities).values({ platform: 'telegram', externalId: '4242', staffId: officer.staffId, source: 'link' });
    expect((await findPerson(db, 'telegram', '4242'))?.code).toBe('K1-CHV01');
    await db.update(staff).set({ active: false }).where(eq(staff.id, officer.staffId));
    expect(await findPerson(db, 'telegram', '4242')).toBeNull();
    await db.update(staff).set({ active: true }).where(eq(staff.id, officer.staffId));
  });
});
