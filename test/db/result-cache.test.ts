import { eq } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCalendar } from '../../db/calendar.ts';
import { type Actor, recordCollection, setDeadline } from '../../db/case-updates/index.ts';
import { seedDemo } from '../../db/demo/index.ts';
import { findPerson, redeemLinkCode, setLocale } from '../../db/identity.ts';
import { importCsv } from '../../db/import/index.ts';
import { issueLinkCode } from '../../db/link-codes.ts';
import { getSummary, getSummaryShared } from '../../db/numbers/summary.ts';
import { defaultOverdueRules } from '../../db/overdue-rules.ts';
import { claimUpdate } from '../../db/processed-updates.ts';
import { createResultCache, EVERY_SCOPE, noCache, type ResultCache } from '../../db/result-cache.ts';
import { staff } from '../../db/schema.ts';
import { parseConfig } from '../../server/config.ts';
import { createDeps } from '../../server/deps.ts';
import { createTestCache, drivers, openTestDb, type TestDb } from '../helpers/db.ts';
import { addCase, addStaff, addUnit } from '../helpers/fixtures.ts';

/** A computation the test finishes by hand, to order it against announcements. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  return { promise, resolve, reject };
}

describe('the result cache', () => {
  it('moves a scope\'s version when a writer announces it, and only then', () => {
    const cache = createResultCache({ keep: true });
    cache.changed('figures');
    expect([cache.version('figures'), cache.version('people')]).toEqual([1, 0]);
    cache.changed('people', 'figures', 'people');
    expect([cache.version('figures'), cache.version('people')]).toEqual([2, 1]);
    cache.changed(...EVERY_SCOPE);
    expect([cache.version('figures'), cache.version('people')]).toEqual([3, 2]);
    cache.changed();
    expect(cache.version('figures')).toBe(3);
    expect(() => noCache.changed('figures')).not.toThrow();
  });

  it('keeps a result until its own scope changes, frozen for every caller', async () => {
    const cache = createResultCache({ keep: true });
    let runs = 0;
    const compute = async () => ({ staffId: ++runs }) as never;
    const first = await cache.persons.get('telegram:1', compute);
    expect(await cache.persons.get('telegram:1', compute)).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    cache.changed('figures');
    expect(await cache.persons.get('telegram:1', compute)).toBe(first);
    cache.changed('people');
    expect(await cache.persons.get('telegram:1', compute)).toEqual({ staffId: 2 });
    expect(runs).toBe(2);
  });

  it('keeps nothing without keeping, but still shares a computation under way', async () => {
    const cache = createResultCache({ keep: false });
    const pending = deferred<never>();
    let runs = 0;
    const compute = () => (runs++, pending.promise);
    const a = cache.summaries.get('K1|2026-11-23', compute);
    expect(cache.summaries.get('K1|2026-11-23', compute)).toBe(a);
    pending.resolve({ unit: 'K1' } as never);
    expect(Object.isFrozen(await a)).toBe(true);
    await cache.summaries.get('K1|2026-11-23', async () => (runs++, { unit: 'K1' }) as never);
    expect(runs).toBe(2);
    expect(cache.summaries.size).toBe(0);
  });

  it('neither shares nor keeps a computation begun before a change was announced', async () => {
    const cache = createResultCache({ keep: true });
    const before = deferred<never>();
    const first = cache.summaries.get('K1|d', () => before.promise);
    cache.changed('figures'); // a write committed while the first was computing
    const second = cache.summaries.get('K1|d', async () => ({ money: 2 }) as never);
    expect(second).not.toBe(first);
    before.resolve({ money: 1 } as never);
    await first;
    // The first, possibly stale, is not kept as current: the second is.
    expect(await cache.summaries.get('K1|d', async () => ({ money: 3 }) as never)).toEqual({ money: 2 });
  });

  it('forgets a failed computation', async () => {
    const cache = createResultCache({ keep: true });
    await expect(cache.summaries.get('K1|d', async () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await cache.summaries.get('K1|d', async () => ({ money: 1 }) as never)).toEqual({ money: 1 });
  });

  it('keeps at most 256 summaries and 2,000 persons, dropping the oldest kept first', async () => {
    const cache = createResultCache({ keep: true });
    for (let i = 0; i <= 256; i++) await cache.summaries.get(`U${i}|d`, async () => ({ i }) as never);
    expect(cache.summaries.size).toBe(256);
    expect(await cache.summaries.get('U1|d', async () => ({ i: -1 }) as never)).toEqual({ i: 1 });
    expect(await cache.summaries.get('U0|d', async () => ({ i: -1 }) as never)).toEqual({ i: -1 });
    for (let i = 0; i < 2_100; i++) await cache.persons.get(`slack:${i}`, async () => null);
    expect(cache.persons.size).toBe(2_000);
  });
});

const options = { calendar: createCalendar(), rules: defaultOverdueRules };
const clock = { now: new Date('2026-11-23T03:00:00Z'), today: '2026-11-23' };

describe.each(drivers)('results kept between announced writes on %s', (driver) => {
  let handle: TestDb;
  let cache: ResultCache;
  let officer: Actor;
  let unitId: number;
  const importing = () => ({ actor: { label: 'test' }, channel: 'console' as const, today: clock.today, changes: cache });
  beforeAll(async () => {
    handle = await openTestDb(driver);
    cache = createTestCache(handle.db);
    unitId = await addUnit(handle.db, 'K1', 'local');
    officer = { staffId: await addStaff(handle.db, 'K1-CHV01', unitId), label: 'K1-CHV01', channel: 'telegram', isLeader: false };
    await addCase(handle.db, { code: 'K-1', unitId, officerId: officer.staffId, accepted: '2026-10-05', amount: 10_000_000 });
  });
  afterAll(() => handle.close());

  it('is kept by the server only on the embedded database, where this process is the only writer', async () => {
    const env = driver === 'pglite' ? { PGLITE_DIR: 'memory://' } : { DATABASE_URL: handle.url! };
    const deps = await createDeps(parseConfig(env), pino({ level: 'silent' }));
    try {
      expect(deps.cache.keeps).toBe(driver === 'pglite');
    } finally {
      await deps.dbHandle.close();
    }
    expect(cache.keeps).toBe(driver === 'pglite');
  });

  it('shows a collection, a deadline and an imported target in the next summary', async () => {
    const db = handle.db;
    const summary = () => getSummaryShared(db, 'K1', clock.today, options, cache);
    const first = await summary();
    expect(first).toEqual(await getSummary(db, 'K1', clock.today, options));
    expect(first.money.done).toBe(0);
    await recordCollection(db, 'K-1', { amount: 2_500_000, on: clock.today }, officer, { ...clock, changes: cache });
    const second = await summary();
    expect(second.money.done).toBe(2_500_000);
    const version = cache.version('figures');
    await setDeadline(db, 'K-1', { due: '2026-12-01' }, { ...officer, isLeader: true }, { ...clock, changes: cache });
    expect(cache.version('figures')).toBeGreaterThan(version);
    const targets = 'unit_code,officer_code,work_year,cases_rate,money_rate,carried_cases_cut,carried_money_cut\nK1,,2027,80,40,0,0\n';
    expect((await importCsv(db, 'targets', targets, importing())).issues).toEqual([]);
    expect((await summary()).targets?.cases_rate).toBe(80);
    // Every caller gets the same object: nobody may change it for the others.
    expect(() => {
      (second.money as { done: number }).done = -1;
    }).toThrow(TypeError);
  });

  it('counts only announced writes: chat plumbing and dry runs change nothing, and SQL written past the writers is not seen', async () => {
    const db = handle.db;
    const versions = () => [cache.version('figures'), cache.version('people')];
    const before = versions();
    await claimUpdate(db, 'telegram', 'rc-1');
    const targets = 'unit_code,officer_code,work_year,cases_rate,money_rate,carried_cases_cut,carried_money_cut\nK1,,2027,90,40,0,0\n';
    expect((await importCsv(db, 'targets', targets, { ...importing(), dryRun: true })).dryRun).toBe(true);
    expect(versions()).toEqual(before);
    const kept = await getSummaryShared(db, 'K1', clock.today, options, cache);
    await db.update(staff).set({ fullName: 'Cán bộ K1' }).where(eq(staff.id, officer.staffId));
    const again = await getSummaryShared(db, 'K1', clock.today, options, cache);
    if (driver === 'pglite') expect(again).toBe(kept);
    else expect(again).not.toBe(kept);
  });

  it('is told of a write made inside a caller\'s transaction, as a claim and its report are', async () => {
    const db = handle.db;
    const kept = await getSummaryShared(db, 'K1', clock.today, options, cache);
    await db.transaction(async (tx) => {
      await claimUpdate(tx, 'telegram', 'rc-2');
      await recordCollection(tx, 'K-1', { amount: 500_000, on: clock.today }, officer, { ...clock, changes: cache });
    });
    expect((await getSummaryShared(db, 'K1', clock.today, options, cache)).money.done).toBe(kept.money.done + 500_000);
  });

  if (driver === 'pglite') it('does not share a computation begun before a write with a request made after it', async () => {
    const db = handle.db;
    const before = (await getSummary(db, 'K1', clock.today, options)).money.done;
    cache.changed('figures'); // nothing kept to start with
    const first = getSummaryShared(db, 'K1', clock.today, options, cache);
    expect(getSummaryShared(db, 'K1', clock.today, options, cache)).toBe(first);
    await recordCollection(db, 'K-1', { amount: 1_000_000, on: clock.today }, officer, { ...clock, changes: cache });
    const after = getSummaryShared(db, 'K1', clock.today, options, cache);
    expect(after).not.toBe(first);
    // The first may or may not have seen the write (its queries queue behind it); the later one has.
    await first;
    expect((await after).money.done).toBe(before + 1_000_000);
  });

  it('finds a person as soon as their account is linked or imported, with their language and unit as written', async () => {
    const db = handle.db;
    expect(await findPerson(db, 'telegram', '4242', cache)).toBeNull();
    const { code } = await issueLinkCode(db, 'K1-CHV01', { actor: 'test', channel: 'console', now: clock.now });
    await redeemLinkCode(db, 'telegram', '4242', code, clock.now, cache);
    expect((await findPerson(db, 'telegram', '4242', cache))?.code).toBe('K1-CHV01');
    await setLocale(db, officer.staffId, 'en', cache);
    expect((await findPerson(db, 'telegram', '4242', cache))?.locale).toBe('en');
    expect(await findPerson(db, 'slack', 'UK1', cache)).toBeNull();
    const staffCsv = 'code,full_name,unit_code,role,telegram_user_id,slack_user_id,oversees\nK1-CHV01,Cán bộ K1,K1,officer,4242,UK1,\n';
    expect((await importCsv(db, 'staff', staffCsv, importing())).issues).toEqual([]);
    expect((await findPerson(db, 'slack', 'UK1', cache))?.code).toBe('K1-CHV01');
    const unitsCsv = 'code,name,kind,parent_code,telegram_chat_id,slack_channel_id\nK1,Phòng THADS K1,local,,,\n';
    expect((await importCsv(db, 'units', unitsCsv, importing())).issues).toEqual([]);
    expect((await findPerson(db, 'telegram', '4242', cache))?.unitName).toBe('Phòng THADS K1');
  });

  it('is told by the demo seed that everything changed', async () => {
    const db = handle.db;
    const kept = await getSummaryShared(db, 'K1', clock.today, options, cache);
    const people = cache.version('people');
    await seedDemo(db, { today: clock.today, changes: cache });
    expect(cache.version('people')).toBeGreaterThan(people);
    expect(await getSummaryShared(db, 'K1', clock.today, options, cache)).not.toBe(kept);
    expect((await getSummaryShared(db, 'BH', clock.today, options, cache)).unit).toBe('BH');
  });
});
