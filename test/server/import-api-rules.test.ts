import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client.ts';
import { createApp } from '../../server/app.ts';
import { caseLine, casesHeader, loadFixtures, snapshot } from '../fixtures/import/helpers.ts';
import { adminHeaders, createTestDeps } from '../helpers/app-deps.ts';
import { drivers, openTestDb, type TestDb } from '../helpers/db.ts';

type Report = { issues: { line: number; column: string; code: string; message: string }[] };
const unitsHeader = 'code,name,kind,parent_code,telegram_chat_id,slack_channel_id';

// What the shipped import accepted and should not (issue 14): odd codes, dates after today,
// collections beyond what a case owes. Today is 23/11/2026 by the test clock.
describe.each(drivers)('POST /api/import applies the rules of chat on %s', (driver) => {
  let handle: TestDb;
  beforeAll(async () => {
    handle = await openTestDb(driver);
    await loadFixtures(handle.db);
  });
  afterAll(() => handle.close());

  async function post(kind: string, body: string, query = '') {
    const app = createApp(createTestDeps(handle, { LOG_LEVEL: 'silent' }).deps);
    const res = await app.request(`/api/import/${kind}${query}`, { method: 'POST', headers: adminHeaders({ 'Content-Type': 'text/csv' }), body });
    return { status: res.status, ...((await res.json()) as Report) };
  }
  async function refused(kind: string, body: string) {
    const before = await snapshot(handle.db);
    const res = await post(kind, body);
    expect(res.status).toBe(422);
    expect(await snapshot(handle.db)).toEqual(before);
    return res.issues.map(({ line, column, code }) => `${line}:${column}:${code}`);
  }
  const cases = (...lines: string[]) => [casesHeader, ...lines].join('\n');
  const collections = (...lines: string[]) => ['case_code,date,amount', ...lines].join('\n');

  it('refuses codes with spaces, quotes, diacritics or too long, naming line and column', async () => {
    const units = [unitsHeader, 'TN X,Tên,local,TN,,', '"TN""Q",Tên,local,TN,,', 'TN-Đ,Tên,local,TN,,', `${'A'.repeat(51)},Tên,local,TN,,`, 'TN-OK,Tên,local,TN OO,,'];
    expect(await refused('units', units.join('\n'))).toEqual([
      '2:code:import.bad_code',
      '3:code:import.bad_code',
      '4:code:import.bad_code',
      '5:code:import.bad_code',
      '6:parent_code:import.bad_code',
    ]);
    const res = await post('units', [unitsHeader, 'TN X,Tên,local,TN,,'].join('\n'));
    expect(res.issues[0]!.message).toBe(
      'Mã "TN X" không hợp lệ: chỉ gồm chữ cái không dấu, chữ số và các dấu . _ -, không có khoảng trắng, tối đa 50 ký tự (ví dụ BH-DS-2025-0161).',
    );
    expect(await refused('staff', 'code,full_name,unit_code,role,telegram_user_id,slack_user_id,oversees\nX1,Tên,TN,province_deputy,,,TN-HT;TN HT\n')).toEqual([
      '2:oversees:import.bad_code',
    ]);
  });

  it('refuses a case dated after today, and a deadline more than five years ahead', async () => {
    expect(
      await refused(
        'cases',
        cases(
          caseLine('F-1', { accepted_date: '2099-01-01', status_date: '2099-01-01' }),
          caseLine('F-2', { decision_date: '2026-11-24' }),
          caseLine('F-3', { verified_on: '2027-01-01' }),
          caseLine('F-4', { due_date: '2099-01-01' }),
        ),
      ),
    ).toEqual([
      '2:accepted_date:import.date_in_future',
      '2:status_date:import.date_in_future',
      '3:decision_date:import.date_in_future',
      '4:verified_on:import.date_in_future',
      '5:due_date:import.deadline_too_far',
    ]);
    // A deadline is ahead by nature: next year, or five years on, is fine; so is today.
    const ok = await post('cases', cases(caseLine('F-5', { due_date: '2027-06-30', decision_date: '2026-11-23' }), caseLine('F-6', { due_date: '2031-11-23' })), '?dry_run=1');
    expect(ok).toMatchObject({ status: 200 });
    expect(await refused('collections', collections('HT-001,2026-12-01,1000'))).toEqual(['2:date:import.date_in_future']);
  });

  it('refuses a collection beyond what the case still owes, counting chat money and earlier rows', async () => {
    // HT-001 owes 150,000,000; the fixtures imported 70,000,000 of it, which a new file replaces.
    await queryRows(
      handle.db,
      sql`insert into collections (case_id, unit_id, collected_on, amount, source)
          select id, unit_id, '2026-04-01', 30000000, 'telegram' from cases where code = 'HT-001'`,
    );
    // 30 million from chat: 120 million left for the file's rows, whatever was imported before
    // (HT-002's 6 billion imported earlier, all it owed, is replaced by the file's 1 đồng).
    expect(await refused('collections', collections('HT-001,2025-10-15,100000000', 'HT-002,2026-03-15,1', 'HT-001,2025-12-01,20000001'))).toEqual([
      '4:amount:import.collection_above_remaining',
    ]);
    // HT-003 is not money: nothing can be collected on it.
    expect(await refused('collections', collections('HT-003,2026-01-10,5'))).toEqual(['2:amount:import.collection_no_money']);
    const exact = await post('collections', collections('HT-001,2025-10-15,100000000', 'HT-001,2025-12-01,20000000'), '?dry_run=1');
    expect(exact).toMatchObject({ status: 200 });
    const res = await post('collections', collections('HT-001,2025-10-15,120000001'));
    expect(res.issues[0]!.message).toBe(
      'Khoản thu 120.000.001 đồng vượt số tiền việc HT-001 còn phải thi hành (120.000.000 đồng, trên tổng 150.000.000 đồng, đã trừ các khoản báo cáo qua chat và các dòng trước của việc này trong tệp).',
    );
  });
});
