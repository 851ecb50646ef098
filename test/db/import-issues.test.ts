import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client.ts';
import type { ImportKind } from '../../db/import/index.ts';
import { caseLine, casesHeader, loadFixtures, run, snapshot } from '../fixtures/import/helpers.ts';
import { drivers, openTestDb, type TestDb } from '../helpers/db.ts';

// Each bad file must be refused whole, name the right line and column, and change nothing.
describe.each(drivers)('importCsv issues on %s', (driver) => {
  let handle: TestDb;
  beforeAll(async () => {
    handle = await openTestDb(driver);
    await loadFixtures(handle.db);
  });
  afterAll(() => handle.close());

  async function refused(kind: ImportKind, csv: string) {
    const before = await snapshot(handle.db);
    const result = await run(handle.db, kind, csv);
    expect(result.inserted + result.updated).toBe(0);
    expect(await snapshot(handle.db)).toEqual(before);
    return result.issues;
  }
  const cases = (...lines: string[]) => [casesHeader, ...lines].join('\n');

  it.each([
    ['bad date', { decision_date: '2026-02-30' }, 'decision_date', 'import.bad_date', '2026-02-30'],
    ['unknown unit', { unit_code: 'TN-XX' }, 'unit_code', 'import.unknown_unit', 'TN-XX'],
    ['negative amount', { amount: '-5000' }, 'amount', 'import.negative_amount', '-5000'],
    ['amount with dots', { amount: '1.000' }, 'amount', 'import.not_digits', '1.000'],
    ['amount above 2^53', { amount: '9007199254740992' }, 'amount', 'import.amount_too_large', '9007199254740992'],
    ['unknown status', { status: 'closed' }, 'status', 'import.unknown_status', 'closed'],
    ['unknown flag', { flags: 'credit;urgent' }, 'flags', 'import.unknown_flag', 'urgent'],
    ['a flag spelled otherwise', { flags: 'prison;unknown-address' }, 'flags', 'import.unknown_flag', 'unknown-address'],
    ['officer of another unit', { officer_code: 'DS01' }, 'officer_code', 'import.officer_not_in_unit', 'DS01'],
    ['status before accepted', { status_date: '2025-11-01' }, 'status_date', 'import.status_before_accepted', '2025-11-01'],
    ['empty decision number', { decision_no: '' }, 'decision_no', 'import.required', ''],
  ])('%s', async (_, change, column, code, value) => {
    const issues = await refused('cases', cases(caseLine('HT-001'), caseLine('N-1'), caseLine('N-2', change)));
    expect(issues).toEqual([{ line: 4, column, code, params: expect.objectContaining({ value }) }]);
  });

  it('wrong header', async () => {
    const csv = 'code,unit,officer_code,decision_no,decision_date,accepted_date,amount,status,status_date,verified_on,due_date,flags\n';
    expect(await refused('cases', `${csv}${caseLine('N-1')}\n`)).toEqual([
      { line: 1, column: 'unit', code: 'import.header_unknown', params: { column: 'unit' } },
      { line: 1, column: 'unit_code', code: 'import.header_missing', params: { column: 'unit_code' } },
    ]);
  });

  it('header columns in another order are fine', async () => {
    const result = await run(handle.db, 'collections', 'amount,date,case_code\n1000,2026-01-02,HT-001\n', {
      dryRun: true,
    });
    expect(result.issues).toEqual([]);
  });

  it('empty file, broken quotes, wrong column count', async () => {
    expect(await refused('units', '')).toEqual([{ line: 1, column: '', code: 'import.empty_file', params: {} }]);
    const broken = await refused('collections', 'case_code,date,amount\nHT-001,2026-01-02,5\n"HT-001,2026-01-03,5\n');
    expect(broken).toEqual([expect.objectContaining({ line: 3, code: 'import.csv_syntax' })]);
    const short = await refused('collections', 'case_code,date,amount\nHT-001,2026-01-02\n');
    expect(short).toEqual([{ line: 2, column: '', code: 'import.column_count', params: { expected: 3, got: 2 } }]);
    expect(broken[0]?.params).toEqual({ detail: 'CSV_QUOTE_NOT_CLOSED' });
  });

  it('blank columns a spreadsheet leaves after the last one are ignored', async () => {
    const result = await run(handle.db, 'collections', 'case_code,date,amount,,\nHT-001,2026-01-02,5,,\n', { dryRun: true });
    expect(result.issues).toEqual([]);
  });

  it('duplicate code in one file', async () => {
    const issues = await refused('cases', cases(caseLine('N-1'), caseLine('N-2'), caseLine('N-1')));
    expect(issues).toEqual([
      { line: 4, column: 'code', code: 'import.duplicate_code', params: { value: 'N-1', first: 2 } },
    ]);
  });

  it('a bad row after 2,500 good ones writes none of them', async () => {
    const good = Array.from({ length: 2500 }, (_, i) => caseLine(`G-${i}`));
    const issues = await refused('cases', cases(...good, caseLine('G-bad', { accepted_date: '2025-13-01' })));
    expect(issues).toEqual([expect.objectContaining({ line: 2502, column: 'accepted_date', code: 'import.bad_date' })]);
  });

  it('a database error in the third batch rolls back the first two', async () => {
    // A constraint the checks know nothing of, so the failure happens while writing.
    await queryRows(handle.db, sql`alter table cases add constraint test_no_boom check (decision_no <> 'BOOM')`);
    try {
      const good = Array.from({ length: 2500 }, (_, i) => caseLine(`R-${i}`));
      const before = await snapshot(handle.db);
      await expect(run(handle.db, 'cases', cases(...good, caseLine('R-x', { decision_no: 'BOOM' })))).rejects.toThrow();
      expect(await snapshot(handle.db)).toEqual(before);
    } finally {
      await queryRows(handle.db, sql`alter table cases drop constraint test_no_boom`);
    }
  });

  it('lists at most maxIssues and says it truncated', async () => {
    const bad = Array.from({ length: 5 }, (_, i) => caseLine(`T-${i}`, { amount: 'x' }));
    const result = await run(handle.db, 'cases', cases(...bad), { maxIssues: 3 });
    expect(result.issues.map((i) => i.line)).toEqual([2, 3, 4]);
    expect(result.truncated).toBe(true);
  });

  it('accepts the flags prison and unknown_address, and names them when refusing another', async () => {
    const result = await run(handle.db, 'cases', cases(caseLine('FL-1', { flags: 'prison' }), caseLine('FL-2', { flags: 'unknown_address;credit' })));
    expect(result.issues).toEqual([]);
    const rows = await queryRows<{ code: string; flags: string[] }>(handle.db, sql`select code, flags from cases where code like 'FL-%' order by code`);
    expect(rows).toEqual([
      { code: 'FL-1', flags: ['prison'] },
      { code: 'FL-2', flags: ['unknown_address', 'credit'] },
    ]);
    const [issue] = await refused('cases', cases(caseLine('FL-3', { flags: 'tu' })));
    expect(issue?.params).toEqual({ value: 'tu', allowed: 'credit, complex, complaint, prison, unknown_address' });
  });

  it('an amount above 2^31 round-trips exactly', async () => {
    const result = await run(handle.db, 'cases', cases(caseLine('BIG', { amount: '9007199254740991' })));
    expect(result.issues).toEqual([]);
    const [row] = await queryRows<{ amount: string }>(handle.db, sql`select amount::text as amount from cases where code = 'BIG'`);
    expect(row?.amount).toBe('9007199254740991');
  });
});
