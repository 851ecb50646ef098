import { describe, expect, it } from 'vitest';
import { textWidth } from '../../bot/format.ts';
import { emptyBooks } from '../../db/numbers/books.ts';
import type { Books, OverdueReport, Ranking, Summary } from '../../db/numbers/types.ts';
import { renderOverdue } from '../../server/cli/overdue.ts';
import { renderRanking } from '../../server/cli/ranking.ts';
import { renderSummary } from '../../server/cli/summary.ts';

// Hand-made report objects: these tests pin the wording and layout, not the numbers' computation.
const books = (scale: number, rate: number | null): Books => ({
  carried_over: 100 * scale,
  new: 50 * scale,
  total: 150 * scale,
  entrusted: 2 * scale,
  withdrawn: 1 * scale,
  to_enforce: 147 * scale,
  with_conditions: 120 * scale,
  without_conditions: 27 * scale,
  completed: 90 * scale,
  terminated: 11 * scale,
  done: 101 * scale,
  enforcing: 15 * scale,
  postponed: 3 * scale,
  suspended: 1 * scale,
  carried_to_next: 46 * scale,
  carried_with_conditions: 19 * scale,
  rate,
});

const summary: Summary = {
  unit: 'BH-DS',
  name: 'Phòng Thi hành án dân sự khu vực Đông Sơn',
  kind: 'local',
  work_year: 2027,
  from: '2026-10-01',
  at: '2026-11-23',
  cases: books(1, 84.17),
  money: books(30_000_000, 51.2),
  targets: { cases_rate: 83.9, money_rate: 51.9, carried_cases_cut: 5, carried_money_cut: 5 },
  same_period_last_year: { at: '2025-11-23', cases_rate: 80.1, money_rate: null, cases: books(0.9, 80.1), money: books(25_000_000, null) },
  carried_cut: { base_at: '2026-09-30', cases_base: 20, money_base: 600_000_000, cases: 5, money: 5 },
  targets_met: { cases_rate: true, money_rate: false, carried_cases_cut: true, carried_money_cut: true, count: 3 },
  credit: { cases: 12, money: 9_000_000_000, done_cases: 3, done_money: 1_500_000_000 },
  flags: { complaint: 4, complex: 2 },
  overdue: 1234,
};

describe('summary as text', () => {
  it('prints the official table (WORDING.md rows and words), by cases and money beside the same period last year', () => {
    const text = renderSummary(summary, 'vi');
    expect(text).toContain('Phòng Thi hành án dân sự khu vực Đông Sơn (BH-DS)');
    expect(text).toContain('Kết quả thi hành án dân sự năm công tác 2027 (từ 01/10/2026 đến 23/11/2026)');
    expect(text).toContain('Cùng kỳ: năm công tác trước, tính đến ngày 23/11/2025.');
    expect(text).toMatch(/^Nội dung\s+Việc\s+Cùng kỳ\s+Tiền\s+Cùng kỳ$/m);
    // Last year's books are scaled by 0.9 (cases) and 25 million (money) in the fixture.
    expect(text).toMatch(/^Tổng số thụ lý\s+150\s+135\s+4\.500\.000\.000 ₫\s+3\.750\.000\.000 ₫$/m);
    expect(text).toMatch(/^ {2}Năm trước chuyển sang\s+100\s+90\s/m);
    expect(text).toMatch(/^ {4}Thi hành xong\s+101\s+91\s+3\.030\.000\.000 ₫/m);
    expect(text).toMatch(/^ {6}Thi hành xong thực tế\s+90\s+81\s/m);
    expect(text).toMatch(/^ {4}Đang thi hành\s+15\s+14\s+450\.000\.000 ₫\s+375\.000\.000 ₫$/m);
    expect(text).toMatch(/^ {2}Có điều kiện chuyển kỳ sau\s+19\s+17\s+570\.000\.000 ₫\s+475\.000\.000 ₫$/m);
    expect(text).toMatch(/^Tỷ lệ thi hành xong về việc\s+84,17%\s+80,10%$/m);
    expect(text).toMatch(/^Tỷ lệ thi hành xong về tiền\s+51,20%\s+—$/m);
    const order = ['Tổng số thụ lý', 'Ủy thác thi hành án', 'Tổng số phải thi hành', 'Có điều kiện thi hành', 'Thi hành xong', 'Đình chỉ thi hành án', 'Đang thi hành', 'Hoãn thi hành án', 'Tạm đình chỉ thi hành án', 'Chưa có điều kiện thi hành', 'Chuyển kỳ sau'];
    const at = order.map((label) => text.search(new RegExp(`^ *${label}\\s`, 'm')));
    expect(at).toEqual([...at].sort((a, b) => a - b));
  });

  it('judges the four targets, with the change in points under a header that names the unit', () => {
    const text = renderSummary(summary, 'vi');
    expect(text).toMatch(/^Chỉ tiêu\s+Giao\s+Thực hiện\s+So với chỉ tiêu \(điểm %\)\s+Cùng kỳ\s+So với cùng kỳ \(điểm %\)\s+Đánh giá$/m);
    expect(text).toMatch(/^Tỷ lệ thi hành xong về việc\s+83,90%\s+84,17%\s+▲ 0,27\s+80,10%\s+▲ 4,07\s+Đạt$/m);
    expect(text).toMatch(/^Tỷ lệ thi hành xong về tiền\s+51,90%\s+51,20%\s+▼ 0,70\s+—\s+—\s+Chưa đạt$/m);
    expect(text).toMatch(/^Giảm số việc có điều kiện chuyển kỳ sau so với năm trước\s+5,00%\s+5,00%\s+= 0,00\s+—\s+—\s+Đạt$/m);
    expect(text).toContain('Số có điều kiện chuyển kỳ sau ngày 30/09/2026 (cơ sở tính giảm): 20 việc, 600.000.000 ₫.');
    expect(text).toContain('Đạt 3/4 chỉ tiêu.');
    expect(text).toContain('Việc quá hạn: 1.234 (xem chi tiết: thads overdue BH-DS).');
  });

  it('says when no target is set, and speaks English on request', () => {
    const none = renderSummary({ ...summary, targets: null, targets_met: null }, 'vi');
    expect(none).toContain('Chưa giao chỉ tiêu năm công tác 2027.');
    expect(none).toMatch(/^Tỷ lệ thi hành xong về việc\s+—\s+84,17%\s+—\s+80,10%\s+▲ 4,07\s+—$/m);
    const en = renderSummary(summary, 'en');
    expect(en).toContain('Civil judgment enforcement results — work year 2027 (01 Oct 2026 – 23 Nov 2026)');
    expect(en).toMatch(/^Rate done by cases\s+83\.90%\s+84\.17%\s+▲ 0\.27/m);
    expect(en).toMatch(/^Total accepted\s+150\s+135\s+4,500,000,000 ₫\s+3,750,000,000 ₫$/m);
  });

  it('lines the table up in terminal columns', () => {
    const lines = renderSummary(summary, 'vi').split('\n');
    const first = lines.findIndex((l) => l.startsWith('Nội dung'));
    const table = lines.slice(first, first + 2 + 16);
    const widths = new Set(table.map((l) => textWidth(l)));
    expect(widths.size).toBe(1);
  });
});

describe('ranking as text', () => {
  const row = (rank: number, code: string, meets: [boolean | null, boolean | null], targets = true) => ({
    rank,
    code,
    name: `Khu vực ${code}`,
    cases: { ...emptyBooks(), with_conditions: 1500, done: 1200, rate: 80 },
    money: { ...emptyBooks(), with_conditions: 9e9, done: 4.5e9, rate: 50 },
    targets: targets ? { cases_rate: 80, money_rate: 51, carried_cases_cut: 5, carried_money_cut: 5 } : null,
    carried_cut: { base_at: '2026-09-30', cases_base: 0, money_base: 0, cases: null, money: null },
    targets_met: targets
      ? { cases_rate: meets[0], money_rate: meets[1], carried_cases_cut: null, carried_money_cut: null, count: meets.filter((m) => m === true).length }
      : null,
    meets: { cases_rate: meets[0], money_rate: meets[1] },
  });
  const ranking: Ranking = {
    unit: 'BH',
    name: 'Thi hành án dân sự tỉnh Bình Hà',
    work_year: 2027,
    at: '2026-11-23',
    by: 'units',
    rows: [row(1, 'BH-DS', [true, true]), row(2, 'BH-HA', [true, false]), row(3, 'BH-TB', [false, false]), row(4, 'BH-X', [null, null], false)],
  };

  it('ranks with done/with-conditions, both rates and how many of the four targets are met', () => {
    const text = renderRanking(ranking, 'vi');
    expect(text).toContain('Xếp hạng các đơn vị thuộc Thi hành án dân sự tỉnh Bình Hà (BH)');
    expect(text).toMatch(/^Hạng\s+Đơn vị\s+Xong\/Có ĐK\s+Tỷ lệ việc\s+Tỷ lệ tiền\s+Chỉ tiêu đạt$/m);
    expect(text).toMatch(/^ {3}1\s+Khu vực BH-DS \(BH-DS\)\s+1\.200\/1\.500\s+80,00%\s+50,00%\s+đạt 2\/4$/m);
    expect(text).toMatch(/BH-HA\).*đạt 1\/4$/m);
    expect(text).toMatch(/BH-TB\).*đạt 0\/4$/m);
    expect(text).toMatch(/BH-X\).*chưa giao chỉ tiêu$/m);
  });

  it('names officers when a local unit ranks its people', () => {
    const text = renderRanking({ ...ranking, by: 'officers', rows: [] }, 'vi');
    expect(text).toContain('Xếp hạng Chấp hành viên của');
    expect(text).toContain('Đơn vị chưa có Chấp hành viên được giao việc.');
  });
});

describe('overdue as text', () => {
  const report: OverdueReport = {
    unit: 'BH-TB',
    name: 'Phòng Thi hành án dân sự khu vực Thạch Bàn',
    at: '2026-11-23',
    total_cases: 3,
    cases: [
      {
        code: 'BH-TB-0007',
        unit: 'BH-TB',
        officer: 'BH-TB-CHV1',
        officer_name: 'Mai Thị Phương',
        status: 'enforcing',
        accepted_date: '2025-06-02',
        amount: 2_500_000_000,
        remaining: 2_100_000_000,
        reasons: [
          { reason: 'verification_late', due: '2025-07-01' },
          { reason: 'stale_with_conditions', due: '2026-06-02', months: 12 },
        ],
        days_overdue: 510,
      },
      {
        code: 'BH-TB-0042',
        unit: 'BH-TB',
        officer: null,
        officer_name: null,
        status: 'no_conditions',
        accepted_date: '2025-01-10',
        amount: 0,
        remaining: 0,
        reasons: [{ reason: 'reverification_due', due: '2026-10-15', months: 6 }],
        days_overdue: 39,
      },
    ],
    findings: [
      {
        code: 'KT-1',
        inspection: 'KT-2026-TB',
        unit: 'BH-TB',
        description: 'Chưa lập hồ sơ theo dõi các việc chưa có điều kiện thi hành theo quy định tại Điều 44a',
        responsible: 'BH-TB-TR',
        due_date: '2026-10-31',
        status: 'open',
        days_overdue: 23,
      },
    ],
  };

  it('lists each broken time limit in Vietnamese with the officer and days late', () => {
    const text = renderOverdue(report, 'vi');
    expect(text).toContain('Quá hạn — Phòng Thi hành án dân sự khu vực Thạch Bàn (BH-TB), tính đến 23/11/2026');
    expect(text).toContain('Việc thi hành án quá hạn: 3');
    expect(text).toMatch(/^BH-TB-0007\s+Mai Thị Phương\s+Chậm xác minh điều kiện thi hành án\s+01\/07\/2025\s+510\s+2\.100\.000\.000 ₫$/m);
    expect(text).toMatch(/^\s+Có điều kiện, quá 01 năm chưa thi hành xong\s+02\/06\/2026$/m);
    expect(text).toMatch(/^BH-TB-0042\s+—\s+Quá hạn xác minh lại \(06 tháng\)/m);
    expect(text).toContain('Hiện 2 trong 3 việc; xem tất cả: --limit 3.');
    expect(text).toContain('Nội dung kết luận kiểm tra quá hạn khắc phục: 1');
    expect(text).toMatch(/^KT-1\s+KT-2026-TB\s+Chưa lập hồ sơ.*…\s+BH-TB-TR\s+31\/10\/2026\s+23\s+Chưa khắc phục$/m);
  });

  it('has an English reason for every reason code', () => {
    const text = renderOverdue(report, 'en');
    expect(text).toContain('Verification of the conditions late');
    expect(text).toContain('Re-verification overdue (6 months)');
    expect(text).toContain('With conditions, not done within 1 year');
    expect(text).not.toMatch(/cli\.overdue|overdue\.reason/);
  });
});

describe('CLI messages', () => {
  it('exist in both languages', async () => {
    const { viCli } = await import('../../bot/i18n/vi/cli.ts');
    const { enCli } = await import('../../bot/i18n/en/cli.ts');
    expect(Object.keys(enCli).sort()).toEqual(Object.keys(viCli).sort());
  });
});
