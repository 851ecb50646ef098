import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESULT_ROWS } from '../../bot/report/results-rows.ts';
import { seedDemo } from '../../db/demo/index.ts';
import { getSummary } from '../../db/numbers/summary.ts';
import type { OverdueReport, Ranking } from '../../db/numbers/types.ts';
import { noCache } from '../../db/result-cache.ts';
import { createApp } from '../../server/app.ts';
import type { Deps } from '../../server/deps.ts';
import { adminHeaders, createTestDeps } from '../helpers/app-deps.ts';
import { drivers, openTestDb, type TestDb } from '../helpers/db.ts';
import { headerRowOf, load, runThads, tableRows } from '../helpers/workbook.ts';

const AT = '2026-11-30';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe.each(drivers)('GET /api/units/:code/report.xlsx on %s with the demo province', (driver) => {
  let handle: TestDb;
  let deps: Deps;
  const json = async <T>(...argv: string[]): Promise<T> => JSON.parse((await runThads(deps, ...argv, '--json')).stdout) as T;

  beforeAll(async () => {
    handle = await openTestDb(driver);
    await seedDemo(handle.db, { today: AT, changes: noCache });
    deps = createTestDeps(handle, { LOG_LEVEL: 'silent' }).deps;
  });
  afterAll(async () => {
    await handle?.close();
  });

  it('sends the file to download, with the numbers of the summary', async () => {
    const res = await createApp(deps).request(`/api/units/bh-ds/report.xlsx?at=${AT}`, { headers: adminHeaders() });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(XLSX);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="bao-cao-BH-DS-2026-11-30.xlsx"');
    const workbook = await load(Buffer.from(await res.arrayBuffer()));
    const summary = await getSummary(deps.db, 'BH-DS', AT, deps.numbers);
    const results = workbook.getWorksheet('Kết quả')!;
    expect(results.getCell('A1').value).toBe('Phòng Thi hành án dân sự khu vực Đông Sơn');
    const rows = tableRows(results);
    expect(rows.map((r) => r.getCell(2).value)).toEqual(RESULT_ROWS.map(({ key }) => summary.cases[key]));
    expect(rows.map((r) => r.getCell(4).value)).toEqual(RESULT_ROWS.map(({ key }) => summary.money[key]));
    // A local unit ranks its officers, as thads ranking does.
    const ranking = await json<Ranking>('ranking', 'BH-DS', '--at', AT);
    const sheet = workbook.getWorksheet('Xếp hạng')!;
    expect(sheet.getCell(`B${headerRowOf(sheet)}`).value).toBe('Chấp hành viên');
    expect(tableRows(sheet).map((r) => r.getCell(2).value)).toEqual(ranking.rows.map((r) => r.name));
    const overdue = await json<OverdueReport>('overdue', 'BH-DS', '--at', AT);
    expect(tableRows(workbook.getWorksheet('Việc quá hạn')!)).toHaveLength(overdue.total_cases);
  });

  it('speaks English on ?lang=en or Accept-Language', async () => {
    const app = createApp(deps);
    for (const [query, headers] of [['&lang=en', {}], ['', { 'Accept-Language': 'en-GB,en;q=0.9' }]] as const) {
      const res = await app.request(`/api/units/BH/report.xlsx?at=${AT}${query}`, { headers: adminHeaders(headers) });
      expect(res.status).toBe(200);
      const workbook = await load(Buffer.from(await res.arrayBuffer()));
      expect(workbook.worksheets[0]!.name).toBe('Results');
    }
  });

  it('answers bad input with the same JSON errors as the summary', async () => {
    const app = createApp(deps);
    for (const query of ['NOPE/%s?at=2026-11-30', 'BH/%s?at=2026-02-30', 'BH/%s?at=yesterday']) {
      const [summary, report] = await Promise.all(
        ['summary', 'report.xlsx'].map((route) => app.request(`/api/units/${query.replace('%s', route)}`, { headers: adminHeaders() })),
      );
      expect(report!.status).toBe(summary!.status);
      expect(report!.headers.get('content-type')).toMatch(/^application\/json/);
      expect(await report!.json()).toEqual(await summary!.json());
    }
    const lang = await app.request(`/api/units/BH/report.xlsx?lang=fr`, { headers: adminHeaders() });
    expect(lang.status).toBe(400);
    expect(await lang.json()).toEqual({ error: 'invalid_lang', message: 'Ngôn ngữ "fr" không được hỗ trợ: dùng lang=vi hoặc lang=en.' });
    expect((await app.request(`/api/units/BH/report.xlsx`)).status).toBe(401);
    // A download link carries its language: the error follows it too.
    const en = await app.request(`/api/units/NOPE/report.xlsx?lang=en`, { headers: adminHeaders({ 'Accept-Language': 'vi' }) });
    expect(await en.json()).toEqual({ error: 'unit_not_found', message: 'No unit "NOPE" was found.' });
  });
});
