import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESULT_ROWS, rateLabel, rowLabel } from '../../bot/report/results-rows.ts';
import { placeName } from '../../bot/format.ts';
import { seedDemo } from '../../db/demo/index.ts';
import { getSummary } from '../../db/numbers/summary.ts';
import type { OverdueReport, Ranking, Summary } from '../../db/numbers/types.ts';
import { noCache } from '../../db/result-cache.ts';
import { runCli } from '../../server/cli/main.ts';
import type { Deps } from '../../server/deps.ts';
import { createTestDeps } from '../helpers/app-deps.ts';
import { drivers, openTestDb, type TestDb } from '../helpers/db.ts';
import { capture, headerRowOf, load, rowLabelled, runThads, tableRows, valuesOf } from '../helpers/workbook.ts';

const AT = '2026-11-30';

// WORDING.md's rows, written out here (not read from the code under test).
const OFFICIAL_ROWS = [
  'Tổng số thụ lý', 'Năm trước chuyển sang', 'Thụ lý mới', 'Ủy thác thi hành án', 'Thu hồi, hủy quyết định thi hành án',
  'Tổng số phải thi hành', 'Có điều kiện thi hành', 'Thi hành xong', 'Thi hành xong thực tế', 'Đình chỉ thi hành án',
  'Đang thi hành', 'Hoãn thi hành án', 'Tạm đình chỉ thi hành án', 'Chưa có điều kiện thi hành', 'Chuyển kỳ sau',
  'Có điều kiện chuyển kỳ sau',
];
const OFFICIAL_REASONS = [
  'Quá hạn xử lý lãnh đạo giao', 'Chậm xác minh điều kiện thi hành án', 'Quá hạn xác minh lại (06 tháng)',
  'Có điều kiện, quá 01 năm chưa thi hành xong',
];
const FOUR_TARGETS = [
  'Tỷ lệ thi hành xong về việc', 'Tỷ lệ thi hành xong về tiền', 'Giảm số việc có điều kiện chuyển kỳ sau so với năm trước',
  'Giảm số tiền có điều kiện chuyển kỳ sau so với năm trước',
];


describe('thads report, usage only', () => {
  const run = async (...argv: string[]) => {
    const { io, out } = capture();
    const code = await runCli(argv, {}, io, { openDeps: () => Promise.reject(new Error('no database expected')) });
    return { code, ...out };
  };

  it('is listed in the help in both languages', async () => {
    const vi = await run('help');
    expect(vi.stdout).toMatch(/thads report <unit> \[--at YYYY-MM-DD\] --xlsx FILE\s+Xuất báo cáo \(kết quả, xếp hạng, việc quá hạn\) ra tệp Excel/);
    const en = await run('help', 'report', '--lang', 'en');
    expect(en).toMatchObject({ code: 0, stderr: '' });
    expect(en.stdout).toContain('Write the report (results, ranking, overdue cases) to an Excel file: --xlsx FILE');
  });

  it('refuses flags it does not take, and --xlsx on other commands, with exit 2', async () => {
    expect(await run('report', 'BH', '--xlsx', 'r.xlsx', '--json')).toMatchObject({ code: 2, stderr: expect.stringContaining('--json') });
    expect(await run('summary', 'BH', '--xlsx', 'r.xlsx')).toMatchObject({ code: 2, stderr: expect.stringContaining('--xlsx') });
    expect(await run('report', 'BH', '--xlsx')).toMatchObject({ code: 2 });
  });
});

describe.each(drivers)('the XLSX report on %s with the demo province', (driver) => {
  let handle: TestDb;
  let deps: Deps;
  const dir = mkdtempSync(join(tmpdir(), 'thads-xlsx-'));
  const run = (...argv: string[]) => runThads(deps, ...argv);
  const json = async <T>(...argv: string[]): Promise<T> => JSON.parse((await run(...argv, '--json')).stdout) as T;

  beforeAll(async () => {
    handle = await openTestDb(driver);
    await seedDemo(handle.db, { today: AT, changes: noCache });
    deps = createTestDeps(handle, { LOG_LEVEL: 'silent' }).deps;
  });
  afterAll(async () => {
    await handle?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('written by thads report --xlsx for the province', () => {
    let workbook: ExcelJS.Workbook;
    let summary: Summary;
    const file = join(dir, 'bao-cao-BH.xlsx');
    beforeAll(async () => {
      const result = await run('report', 'BH', '--at', AT, '--xlsx', file);
      expect(result).toMatchObject({ code: 0, stderr: '' });
      expect(result.stdout).toContain(file);
      workbook = await load(readFileSync(file));
      summary = await getSummary(deps.db, 'BH', AT, deps.numbers);
    });

    it('has the four sheets, each ready to print with its header frozen and repeated', () => {
      expect(workbook.worksheets.map((s) => s.name)).toEqual(['Kết quả', 'Xếp hạng', 'Việc quá hạn', 'Kiểm tra quá hạn khắc phục']);
      for (const sheet of workbook.worksheets) {
        const header = headerRowOf(sheet);
        expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: header });
        expect(sheet.pageSetup).toMatchObject({ paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${header}:${header}` });
      }
      expect(workbook.getWorksheet('Xếp hạng')!.pageSetup.orientation).toBe('landscape');
      expect(workbook.getWorksheet('Việc quá hạn')!.pageSetup.orientation).toBe('landscape');
    });

    it("titles the results with the unit's full name and the period as leaders write it", () => {
      const sheet = workbook.getWorksheet('Kết quả')!;
      expect(sheet.getCell('A1').value).toBe('Thi hành án dân sự tỉnh Bình Hà');
      expect(sheet.getCell('A3').value).toBe('02 tháng năm công tác 2027 (từ 01/10/2026 đến 30/11/2026)');
      expect(valuesOf(sheet, headerRowOf(sheet), 5)).toEqual(['Nội dung', 'Việc', 'Cùng kỳ (việc)', 'Tiền (đồng)', 'Cùng kỳ (tiền)']);
    });

    it("prints WORDING.md's rows in order, indented by depth, with getSummary's numbers as numbers", () => {
      const sheet = workbook.getWorksheet('Kết quả')!;
      const rows = tableRows(sheet);
      expect(rows.map((r) => r.getCell(1).value)).toEqual(OFFICIAL_ROWS);
      const last = summary.same_period_last_year;
      RESULT_ROWS.forEach(({ key, depth }, i) => {
        const row = rows[i]!;
        expect(row.getCell(1).value).toBe(rowLabel(key, 'vi'));
        expect(row.getCell(1).alignment.indent ?? 0).toBe(depth * 2);
        expect(valuesOf(sheet, row.number, 5).slice(1)).toEqual([summary.cases[key], last.cases[key], summary.money[key], last.money[key]]);
        for (const c of [2, 3, 4, 5]) expect(row.getCell(c).numFmt).toBe('#,##0');
      });
      expect(summary.money.total).toBeGreaterThan(2 ** 31);
      expect(last.cases.total).toBeGreaterThan(0);
    });

    it('gives the two rates as fractions under 0.00%, beside the target and last year', () => {
      const sheet = workbook.getWorksheet('Kết quả')!;
      for (const side of ['cases', 'money'] as const) {
        const row = rowLabelled(sheet, rateLabel(side, 'vi'));
        expect(row.getCell(2).value).toBeCloseTo(summary[side].rate! / 100, 10);
        expect(row.getCell(2).numFmt).toBe('0.00%');
        expect(row.getCell(3).value).toBeCloseTo(summary.targets![`${side}_rate`] / 100, 10);
        expect(row.getCell(5).value).toBeCloseTo(summary.same_period_last_year[`${side}_rate`]! / 100, 10);
        const change = Math.round((summary[side].rate! - summary.same_period_last_year[`${side}_rate`]!) * 100) / 100;
        expect(row.getCell(6).value).toBeCloseTo(change, 10);
      }
      expect(valuesOf(sheet, rowLabelled(sheet, 'Tỷ lệ').number, 6)).toEqual([
        'Tỷ lệ', 'Kết quả', 'Chỉ tiêu', 'So với chỉ tiêu (điểm %)', 'Cùng kỳ', 'So với cùng kỳ (điểm %)',
      ]);
    });

    it('judges the four targets by their official names and says how many are met', () => {
      const sheet = workbook.getWorksheet('Kết quả')!;
      const met = summary.targets_met!;
      // The first two targets are worded as the rate rows above them: look below the targets' header.
      const header = rowLabelled(sheet, 'Chỉ tiêu');
      expect(valuesOf(sheet, header.number, 4)).toEqual(['Chỉ tiêu', 'Chỉ tiêu giao', 'Kết quả', 'Đánh giá']);
      const results = [summary.cases.rate, summary.money.rate, summary.carried_cut.cases, summary.carried_cut.money];
      FOUR_TARGETS.forEach((name, i) => {
        const key = (['cases_rate', 'money_rate', 'carried_cases_cut', 'carried_money_cut'] as const)[i]!;
        const row = sheet.getRow(header.number + 1 + i);
        expect(row.getCell(1).value).toBe(name);
        expect(row.getCell(3).value).toBeCloseTo(results[i]! / 100, 10);
        expect(row.getCell(2).value).toBeCloseTo(summary.targets![key] / 100, 10);
        expect(row.getCell(4).value).toBe(met[key] === null ? 'Chưa tính được' : met[key] ? 'Đạt' : 'Chưa đạt');
      });
      const verdict = met.count === 4 ? 'Đạt cả 04 chỉ tiêu.' : `Đạt ${met.count}/4 chỉ tiêu.`;
      expect(rowLabelled(sheet, verdict).getCell(1).font.bold).toBe(true);
    });

    it('ranks the units by name in the order and ranks of thads ranking', async () => {
      const ranking = await json<Ranking>('ranking', 'BH', '--at', AT);
      const sheet = workbook.getWorksheet('Xếp hạng')!;
      expect(valuesOf(sheet, headerRowOf(sheet), 11)).toEqual([
        'Hạng', 'Đơn vị', 'Thi hành xong (việc)', 'Có điều kiện (việc)', 'Tỷ lệ về việc', 'Chỉ tiêu về việc',
        'Thi hành xong (đồng)', 'Có điều kiện (đồng)', 'Tỷ lệ về tiền', 'Chỉ tiêu về tiền', 'Chỉ tiêu đạt',
      ]);
      const rows = tableRows(sheet);
      expect(rows.map((r) => [r.getCell(1).value, r.getCell(2).value])).toEqual(ranking.rows.map((r) => [r.rank, placeName(r.name)]));
      expect(rows.map((r) => r.getCell(2).value)).toContain('Đông Sơn');
      ranking.rows.forEach((r, i) => {
        const row = rows[i]!;
        expect(row.getCell(3).value).toBe(r.cases.done);
        expect(row.getCell(5).value).toBeCloseTo(r.cases.rate! / 100, 10);
        expect(row.getCell(5).numFmt).toBe('0.00%');
        expect(row.getCell(8).value).toBe(r.money.with_conditions);
        expect(row.getCell(8).numFmt).toBe('#,##0');
        expect(row.getCell(11).value).toBe(r.targets_met!.count === 4 ? 'đạt cả 04' : `đạt ${r.targets_met!.count}/4`);
      });
    });

    it('lists every overdue case of thads overdue, with the official reasons and unit names', async () => {
      const overdue = await json<OverdueReport>('overdue', 'BH', '--at', AT);
      expect(overdue.total_cases).toBeGreaterThan(50);
      const sheet = workbook.getWorksheet('Việc quá hạn')!;
      const rows = tableRows(sheet);
      expect(rows).toHaveLength(overdue.total_cases);
      expect(sheet.getCell('A3').value).toBe(`Tính đến ngày 30/11/2026: ${overdue.total_cases} việc quá hạn.`);
      const reasons = new Set(rows.flatMap((r) => String(r.getCell(5).value).split('\n')));
      expect([...reasons].every((reason) => OFFICIAL_REASONS.includes(reason))).toBe(true);
      const first = overdue.cases[0]!;
      expect(rows[0]!.getCell(2).value).toBe(first.code);
      expect(rows[0]!.getCell(3).value).not.toMatch(/^Phòng|BH-/);
      expect(rows[0]!.getCell(6).value).toEqual(new Date(`${first.reasons[0]!.due}T00:00:00Z`));
      expect(rows[0]!.getCell(7).value).toBe(first.days_overdue);
      expect(rows[0]!.getCell(9).value).toBe(first.remaining);
      expect(rows[0]!.getCell(9).numFmt).toBe('#,##0');
      const findings = tableRows(workbook.getWorksheet('Kiểm tra quá hạn khắc phục')!);
      expect(findings).toHaveLength(overdue.findings.length);
      expect(findings.length).toBeGreaterThan(0);
      // People by name: the demo's inspected unit has an officer responsible for its finding.
      expect(findings.map((r) => r.getCell(6).value)).not.toContain(overdue.findings[0]!.responsible);
      expect(findings[0]!.getCell(4).value).toBe('Thạch Bàn');
    });
  });

  it('writes English headers with --lang en, and says when no targets are set', async () => {
    const file = join(dir, 'report-en.xlsx');
    expect(await run('report', 'BH-DS', '--at', '2024-11-30', '--xlsx', file, '--lang', 'en')).toMatchObject({ code: 0, stderr: '' });
    const workbook = await load(readFileSync(file));
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Results', 'Ranking', 'Overdue cases', 'Overdue inspection findings']);
    const results = workbook.getWorksheet('Results')!;
    expect(valuesOf(results, headerRowOf(results), 5)).toEqual(['Item', 'Cases', 'Last year (cases)', 'Money (VND)', 'Last year (money)']);
    expect(rowLabelled(results, 'No targets set for work year 2025.')).toBeDefined();
    const vi = join(dir, 'khong-chi-tieu.xlsx');
    expect((await run('report', 'BH-DS', '--at', '2024-11-30', '--xlsx', vi)).code).toBe(0);
    const sheet = (await load(readFileSync(vi))).getWorksheet('Kết quả')!;
    expect(rowLabelled(sheet, 'Chưa giao chỉ tiêu năm công tác 2025.')).toBeDefined();
    const targets = rowLabelled(sheet, 'Chỉ tiêu').number;
    expect(rowLabelled(sheet, FOUR_TARGETS[0]!, targets).getCell(2).value).toBe('chưa giao chỉ tiêu');
  });

  it('refuses bad input in one line and writes nothing', async () => {
    const before = readdirSync(dir);
    const file = join(dir, 'never.xlsx');
    const unknown = await run('report', 'NOPE', '--xlsx', file);
    expect(unknown).toEqual({ code: 1, stdout: '', stderr: 'Không tìm thấy đơn vị "NOPE".\n' });
    const badDate = await run('report', 'BH', '--at', '2026-02-30', '--xlsx', file);
    expect(badDate.code).toBe(1);
    expect(badDate.stderr).toMatch(/^Ngày "2026-02-30" không hợp lệ[^\n]*\n$/);
    const noFile = await run('report', 'BH', '--at', AT);
    expect(noFile.code).toBe(2);
    expect(noFile.stderr.split('\n')[0]).toBe(
      'Lệnh "report" cần --xlsx TỆP, ví dụ: thads report BH --xlsx bao-cao.xlsx (xem số liệu trên màn hình: thads summary BH).',
    );
    expect(noFile.stderr).toContain('thads report <unit> [--at YYYY-MM-DD] --xlsx FILE');
    const noDir = await run('report', 'BH', '--at', AT, '--xlsx', join(dir, 'missing', 'r.xlsx'));
    expect(noDir).toEqual({ code: 1, stdout: '', stderr: `Không ghi được tệp "${join(dir, 'missing', 'r.xlsx')}": thư mục chứa tệp không tồn tại.\n` });
    const isDir = await run('report', 'BH', '--at', AT, '--xlsx', dir, '--lang', 'en');
    expect(isDir.code).toBe(1);
    expect(isDir.stderr).toMatch(/^"[^"]+" is a folder: give a file name too[^\n]*\n$/);
    const notADir = join(dir, 'plain-file');
    writeFileSync(notADir, 'x');
    expect((await run('report', 'BH', '--at', AT, '--xlsx', join(notADir, 'r.xlsx'))).code).toBe(1);
    expect(existsSync(file)).toBe(false);
    expect(readdirSync(dir).sort()).toEqual([...before, 'plain-file'].sort());
  });
});
