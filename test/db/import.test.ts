import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client.ts';
import { importCsv, isImportKind } from '../../db/import/index.ts';
import { actor, caseLine, casesHeader, count, fixture, loadFixtures, run, snapshot } from '../fixtures/import/helpers.ts';
import { drivers, openTestDb, type TestDb } from '../helpers/db.ts';

describe.each(drivers)('importCsv on %s', (driver) => {
  let handle: TestDb;
  beforeAll(async () => {
    handle = await openTestDb(driver);
  });
  afterAll(() => handle.close());

  it('imports a good set of all seven kinds', async () => {
    const results = await loadFixtures(handle.db);
    expect(results.map((r) => [r.kind, r.rows, r.inserted, r.updated, r.issues.length])).toEqual([
      ['units', 3, 3, 0, 0],
      ['staff', 5, 5, 0, 0],
      ['cases', 4, 4, 0, 0],
      ['collections', 4, 4, 0, 0],
      ['targets', 3, 3, 0, 0],
      ['inspections', 2, 2, 0, 0],
      ['findings', 3, 3, 0, 0],
    ]);
    const counts = await Promise.all(
      ['units', 'staff', 'staff_oversees', 'chat_identities', 'cases', 'case_status_history', 'collections'].map((t) =>
        count(handle.db, t),
      ),
    );
    expect(counts).toEqual([3, 5, 2, 5, 4, 4, 4]);
    expect(await count(handle.db, 'audit_log')).toBe(7);
    // A parent named later in the file than its child.
    const [ds] = await queryRows<{ parent: string }>(
      handle.db,
      sql`select p.code as parent from units u join units p on p.id = u.parent_id where u.code = 'TN-DS'`,
    );
    expect(ds?.parent).toBe('TN');
    const cases = await queryRows<{ code: string; amount: string; status: string; status_date: string; flags: string[] }>(
      handle.db,
      sql`select code, amount::text as amount, status, status_date::text as status_date, flags from cases order by code`,
    );
    expect(cases.find((c) => c.code === 'HT-002')).toMatchObject({
      amount: '6000000000',
      status: 'completed',
      status_date: '2026-03-15',
      flags: ['credit', 'complex'],
    });
    expect(cases.find((c) => c.code === 'HT-003')).toMatchObject({ amount: '0', flags: [] });
    const [own] = await queryRows<{ officer_id: number | null; money_rate: string }>(
      handle.db,
      sql`select t.officer_id, t.money_rate::text as money_rate from targets t join units u on u.id = t.unit_id
          where u.code = 'TN-HT' and t.officer_id is null`,
    );
    expect(own).toEqual({ officer_id: null, money_rate: '50.50' });
  });

  it('re-import updates by code, keeps collections single and chat-recorded money', async () => {
    const before = await snapshot(handle.db);
    await queryRows(
      handle.db,
      sql`insert into collections (case_id, unit_id, collected_on, amount, source)
          select id, unit_id, '2026-04-01', 777, 'telegram' from cases where code = 'HT-001'`,
    );
    const again = await loadFixtures(handle.db);
    expect(again.map((r) => [r.inserted, r.updated])).toEqual([
      [0, 3],
      [0, 5],
      [0, 4],
      [0, 4],
      [0, 3],
      [0, 2],
      [0, 3],
    ]);
    expect(await count(handle.db, 'collections')).toBe(5);
    expect(await count(handle.db, 'case_status_history')).toBe(4);
    expect(await count(handle.db, 'chat_identities')).toBe(5);
    const after = await snapshot(handle.db);
    expect(after.cases?.split(':')[0]).toBe(before.cases?.split(':')[0]);

    const changed = await run(handle.db, 'cases', [casesHeader, caseLine('HT-003'), caseLine('HT-004')].join('\n'));
    expect([changed.inserted, changed.updated]).toEqual([1, 1]);
    const [ht3] = await queryRows<{ status: string; amount: string }>(
      handle.db,
      sql`select status, amount::text as amount from cases where code = 'HT-003'`,
    );
    expect(ht3).toEqual({ status: 'enforcing', amount: '1000000' });
  });

  it('keeps a later status reported from chat as the case status', async () => {
    await queryRows(
      handle.db,
      sql`insert into case_status_history (case_id, status, effective_date, source)
          select id, 'completed', '2026-05-01', 'telegram' from cases where code = 'HT-001'`,
    );
    await importCsv(handle.db, 'cases', fixture('cases'), actor);
    const [ht1] = await queryRows<{ status: string; status_date: string; n: number }>(
      handle.db,
      sql`select status, status_date::text as status_date,
            (select count(*)::int from case_status_history h where h.case_id = c.id) as n
          from cases c where code = 'HT-001'`,
    );
    expect(ht1).toEqual({ status: 'completed', status_date: '2026-05-01', n: 2 });
  });

  it('reads a BOM, CRLF line ends and a quoted field with a comma and a line break', async () => {
    const csv =
      '\uFEFFcode,name,kind,parent_code,telegram_chat_id,slack_channel_id\r\n' +
      'TN-PL,"Phòng THADS khu vực\r\nPhú Lương, Thái Nguyên",local,TN,,\r\n' +
      'TN-VN,Võ Nhai,local,TN,,\r\n';
    const result = await run(handle.db, 'units', csv);
    expect(result).toMatchObject({ rows: 2, inserted: 2, issues: [] });
    const [pl] = await queryRows<{ name: string }>(handle.db, sql`select name from units where code = 'TN-PL'`);
    expect(pl?.name).toBe('Phòng THADS khu vực\r\nPhú Lương, Thái Nguyên');
    // The record after a two-line record starts on line 4.
    const bad = await run(handle.db, 'units', csv.replace('Võ Nhai,local', 'Võ Nhai,district'));
    expect(bad.issues).toEqual([
      expect.objectContaining({ line: 4, column: 'kind', code: 'import.unknown_unit_kind' }),
    ]);
  });

  it('streams chunked input split inside multi-byte characters', async () => {
    const bytes = new TextEncoder().encode(
      '\uFEFFcode,name,kind,parent_code,telegram_chat_id,slack_channel_id\n"TN-DT","Đại Từ\n(cũ)",local,TN,,\nTN-DH,Định Hóa,tỉnh,TN,,\n',
    );
    async function* chunks() {
      for (let i = 0; i < bytes.length; i += 3) yield bytes.subarray(i, i + 3);
    }
    const result = await importCsv(handle.db, 'units', chunks(), actor);
    expect(result.issues).toEqual([
      { line: 4, column: 'kind', code: 'import.unknown_unit_kind', params: expect.objectContaining({ value: 'tỉnh' }) },
    ]);
  });

  it('dry run checks references and writes nothing', async () => {
    const before = await snapshot(handle.db);
    const good = await run(handle.db, 'cases', [casesHeader, caseLine('HT-100')].join('\n'), { dryRun: true });
    expect(good).toMatchObject({ dryRun: true, rows: 1, inserted: 1, updated: 0, issues: [] });
    const again = await run(handle.db, 'cases', fixture('cases').toString(), { dryRun: true });
    expect(again).toMatchObject({ dryRun: true, rows: 4, inserted: 0, updated: 4, issues: [] });
    const bad = await run(handle.db, 'cases', [casesHeader, caseLine('HT-101', { unit_code: 'XX' })].join('\n'), {
      dryRun: true,
    });
    expect(bad.issues).toEqual([expect.objectContaining({ line: 2, column: 'unit_code', code: 'import.unknown_unit' })]);
    expect(await snapshot(handle.db)).toEqual(before);
  });

  it('reports progress while reading and writing', async () => {
    const seen: string[] = [];
    const lines = Array.from({ length: 2500 }, (_, i) => caseLine(`P-${i}`));
    await run(handle.db, 'cases', [casesHeader, ...lines].join('\n'), { onProgress: (n, phase) => seen.push(`${phase}:${n}`) });
    expect(seen).toEqual(['read:1000', 'read:2000', 'write:1000', 'write:2000', 'write:2500']);
  });
});

describe('isImportKind', () => {
  it('knows the seven kinds', () => {
    expect(isImportKind('cases')).toBe(true);
    expect(isImportKind('case')).toBe(false);
  });
});
