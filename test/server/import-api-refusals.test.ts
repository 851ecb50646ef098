import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { caseLine, casesHeader, loadFixtures, snapshot } from '../fixtures/import/helpers.ts';
import { adminHeaders, createTestDeps } from '../helpers/app-deps.ts';
import { drivers, openTestDb, type TestDb } from '../helpers/db.ts';

type Report = { error: string; issues: { line: number; column: string; code: string; message: string }[] };

// Input that once reached the database unchecked (issue 14): each is a 422 naming the line and
// column, in the caller's language, and nothing changes.
describe.each(drivers)('POST /api/import refuses bad cells on %s', (driver) => {
  let handle: TestDb;
  beforeAll(async () => {
    handle = await openTestDb(driver);
    await loadFixtures(handle.db);
  });
  afterAll(() => handle.close());

  async function refused(kind: string, body: string, language = 'vi') {
    const before = await snapshot(handle.db);
    const app = createApp(createTestDeps(handle, { LOG_LEVEL: 'silent' }).deps);
    const headers = adminHeaders({ 'Content-Type': 'text/csv', 'Accept-Language': language });
    const res = await app.request(`/api/import/${kind}`, { method: 'POST', headers, body });
    const report = (await res.json()) as Report;
    expect(await snapshot(handle.db)).toEqual(before);
    return { status: res.status, ...report };
  }
  const cases = (...lines: string[]) => [casesHeader, ...lines].join('\n');

  it.each([
    ['a NUL in a code', cases(caseLine('N-1'), caseLine('N-\u00002', { decision_no: '2/QĐ' })), 3, 'code', 'import.control_character'],
    ['a NUL in a decision number', cases(caseLine('N-3', { decision_no: 'a\u0000b' })), 2, 'decision_no', 'import.control_character'],
    ['a bell in a unit name', 'code,name,kind,parent_code,telegram_chat_id,slack_channel_id\nTN-X,"Tên\u0007",local,TN,,\n', 2, 'name', 'import.control_character'],
    ['a line break in a code', cases(caseLine('"N-4\nX"', { decision_no: '4/QĐ' })), 2, 'code', 'import.line_break'],
    ['year 0 as due date', cases(caseLine('N-5', { due_date: '0000-01-01' })), 2, 'due_date', 'import.date_out_of_range'],
    ['year 0 as verified on', cases(caseLine('N-6', { verified_on: '0000-01-01' })), 2, 'verified_on', 'import.date_out_of_range'],
    ['a year after 2100', cases(caseLine('N-7', { due_date: '2101-01-01' })), 2, 'due_date', 'import.date_out_of_range'],
  ])('%s is a 422 naming the line and column', async (_, body, line, column, code) => {
    const res = await refused(body.startsWith('code,name,') ? 'units' : 'cases', body);
    expect(res.status).toBe(422);
    expect(res.issues).toEqual([{ line, column, code, message: expect.any(String) }]);
    expect(res.issues[0]!.message).not.toContain('\u0000');
  });

  it('says so in Vietnamese and English', async () => {
    const body = cases(caseLine('N-8', { decision_no: 'a\u0000b' }), caseLine('N-9', { due_date: '0000-01-01' }));
    expect((await refused('cases', body)).issues.map((i) => i.message)).toEqual([
      'Ô có ký tự điều khiển không in được (U+0000): hãy xóa ký tự đó.',
      'Ngày "0000-01-01" nằm ngoài khoảng cho phép, từ 2000-01-01 đến 2100-12-31.',
    ]);
    expect((await refused('cases', body, 'en')).issues.map((i) => i.message)).toEqual([
      'The cell holds a control character that cannot be printed (U+0000): remove it.',
      'The date "0000-01-01" is out of range: from 2000-01-01 to 2100-12-31.',
    ]);
  });

  it('keeps line breaks and tabs in free text such as a finding description', async () => {
    const app = createApp(createTestDeps(handle, { LOG_LEVEL: 'silent' }).deps);
    const body = 'code,inspection_code,description,remedy,responsible_code,due_date,status\nKT-X-1,KT-2026-01,"Hai dòng\nmô tả\tcó tab",Khắc phục,,2026-06-30,open\n';
    const res = await app.request('/api/import/findings?dry_run=1', { method: 'POST', headers: adminHeaders({ 'Content-Type': 'text/csv' }), body });
    expect(res.status).toBe(200);
  });
});
