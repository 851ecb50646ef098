import { describe, expect, it } from 'vitest';
import { formatChange, placeName } from '../../bot/format.ts';
import { catalogueKeys, t } from '../../bot/i18n/index.ts';
import { monthsPeriod, overdueReasonText } from '../../bot/report/overdue-reason.ts';
import { formatPeriod, formatWeek, periodLine } from '../../bot/report/period.ts';
import { RESULT_ROWS, rateLabel, rowLabel } from '../../bot/report/results-rows.ts';
import { TARGET_KEYS, targetLabel, targetsMetText } from '../../bot/report/target-rows.ts';

// ../shared/WORDING.md, written out: the official rows in their order, the four targets, one
// wording per overdue reason. A change here is a change of the agencies' own words.
const OFFICIAL_ROWS = [
  'Tổng số thụ lý',
  'Năm trước chuyển sang',
  'Thụ lý mới',
  'Ủy thác thi hành án',
  'Thu hồi, hủy quyết định thi hành án',
  'Tổng số phải thi hành',
  'Có điều kiện thi hành',
  'Thi hành xong',
  'Thi hành xong thực tế',
  'Đình chỉ thi hành án',
  'Đang thi hành',
  'Hoãn thi hành án',
  'Tạm đình chỉ thi hành án',
  'Chưa có điều kiện thi hành',
  'Chuyển kỳ sau',
  'Có điều kiện chuyển kỳ sau',
];

describe('the official words (WORDING.md)', () => {
  it('names the rows of the results table in the order of the statistical form', () => {
    expect(RESULT_ROWS.map((r) => rowLabel(r.key, 'vi'))).toEqual(OFFICIAL_ROWS);
    expect(rateLabel('cases', 'vi')).toBe('Tỷ lệ thi hành xong về việc');
    expect(rateLabel('money', 'vi')).toBe('Tỷ lệ thi hành xong về tiền');
  });

  it('nests each part under the row it adds up to', () => {
    const depth = Object.fromEntries(RESULT_ROWS.map((r) => [r.key, r.depth]));
    expect(depth).toMatchObject({ total: 0, carried_over: 1, new: 1, to_enforce: 0, with_conditions: 1, done: 2, completed: 3, terminated: 3, enforcing: 2, without_conditions: 1, carried_with_conditions: 1 });
  });

  it('names the four targets and counts those met as leaders say it', () => {
    expect(TARGET_KEYS.map((k) => targetLabel(k, 'vi'))).toEqual([
      'Tỷ lệ thi hành xong về việc',
      'Tỷ lệ thi hành xong về tiền',
      'Giảm số việc có điều kiện chuyển kỳ sau so với năm trước',
      'Giảm số tiền có điều kiện chuyển kỳ sau so với năm trước',
    ]);
    const met = (count: number) => ({ cases_rate: true, money_rate: true, carried_cases_cut: true, carried_money_cut: count === 4, count });
    expect(targetsMetText({ work_year: 2027, targets_met: met(4) }, 'vi')).toBe('Đạt cả 04 chỉ tiêu.');
    expect(targetsMetText({ work_year: 2027, targets_met: met(3) }, 'vi')).toBe('Đạt 3/4 chỉ tiêu.');
    expect(targetsMetText({ work_year: 2027, targets_met: null }, 'vi')).toBe('Chưa giao chỉ tiêu năm công tác 2027.');
  });

  it('writes one wording per overdue reason, with the period the rules applied', () => {
    const due = '2026-11-02';
    expect(overdueReasonText({ reason: 'deadline', due }, 'vi')).toBe('Quá hạn xử lý lãnh đạo giao');
    expect(overdueReasonText({ reason: 'verification_late', due }, 'vi')).toBe('Chậm xác minh điều kiện thi hành án');
    expect(overdueReasonText({ reason: 'reverification_due', due, months: 6 }, 'vi')).toBe('Quá hạn xác minh lại (06 tháng)');
    // A debtor in prison for 2 years or more, or whose address is unknown, is re-verified yearly.
    expect(overdueReasonText({ reason: 'reverification_due', due, months: 12 }, 'vi')).toBe('Quá hạn xác minh lại (01 năm)');
    expect(overdueReasonText({ reason: 'stale_with_conditions', due, months: 12 }, 'vi')).toBe('Có điều kiện, quá 01 năm chưa thi hành xong');
    expect(overdueReasonText({ reason: 'reverification_due', due, months: 6 }, 'en')).toBe('Re-verification overdue (6 months)');
    expect(monthsPeriod(18, 'vi')).toBe('18 tháng');
    expect(monthsPeriod(24, 'en')).toBe('2 years');
  });

  it('writes a period as leaders do: whole months to a month end, else the span', () => {
    expect(formatPeriod(2027, '2026-11-30', 'vi')).toBe('02 tháng năm công tác 2027 (từ 01/10/2026 đến 30/11/2026)');
    expect(formatPeriod(2026, '2026-09-30', 'vi')).toBe('12 tháng năm công tác 2026 (từ 01/10/2025 đến 30/09/2026)');
    expect(formatPeriod(2027, '2026-10-31', 'en')).toBe('1 month of work year 2027 (01 Oct 2026 – 31 Oct 2026)');
    expect(formatPeriod(2027, '2026-11-23', 'vi')).toBe('năm công tác 2027 (từ 01/10/2026 đến 23/11/2026)');
    expect(periodLine(2027, '2026-11-23', 'vi')).toBe('Năm công tác 2027 (từ 01/10/2026 đến 23/11/2026)');
    // 29 February is a month end too.
    expect(formatPeriod(2028, '2028-02-29', 'vi')).toBe('05 tháng năm công tác 2028 (từ 01/10/2027 đến 29/02/2028)');
  });

  it('writes a week as its dates, never its ISO number', () => {
    expect(formatWeek('2026-11-30', 'vi')).toBe('30/11–06/12/2026');
    expect(formatWeek('2025-12-29', 'vi')).toBe('29/12/2025–04/01/2026');
    expect(formatWeek('2026-11-30', 'en')).toBe('30 Nov–06 Dec 2026');
  });

  it('says a change of rate in full words in a sentence', () => {
    expect(formatChange(84.25, 80.87, 'last_year', 'vi')).toBe('tăng 3,38 điểm phần trăm');
    expect(formatChange(80, 84.25, 'last_year', 'vi')).toBe('giảm 4,25 điểm phần trăm');
    expect(formatChange(84.17, 83.9, 'target', 'vi')).toBe('vượt 0,27 điểm phần trăm');
    expect(formatChange(51.2, 51.9, 'target', 'vi')).toBe('thấp hơn 0,70 điểm phần trăm');
    expect(formatChange(50, 50, 'last_year', 'vi')).toBe('không đổi');
    expect(formatChange(null, 50, 'target', 'vi')).toBe('—');
  });

  it('names a unit by its place in lists, in both shapes of the organisation', () => {
    expect(placeName('Phòng Thi hành án dân sự khu vực Đông Sơn')).toBe('Đông Sơn');
    expect(placeName('Thi hành án dân sự tỉnh Bình Hà')).toBe('Bình Hà');
    expect(placeName('Chi cục THADS huyện Như Xuân')).toBe('Như Xuân');
    expect(placeName('Cục Thi hành án dân sự thành phố Hà Nội')).toBe('Hà Nội');
    expect(placeName('Phòng Thi hành án dân sự khu vực Đông Sơn'.normalize('NFD'))).toBe('Đông Sơn');
    expect(placeName('Văn phòng')).toBe('Văn phòng');
  });

  it('keeps the words WORDING.md rules out of every Vietnamese message', () => {
    const banned = [/vụ việc/, /Cũ chuyển sang/, /Mới thụ lý/, /Kết quả tính tỷ lệ/, /Tỷ lệ xong/, /điểm %(?!\))/, /tỷ ₫|triệu ₫/, /kiến nghị/i, /Lãnh đạo Cục/];
    // Old-style tone marks (hoá, xoá, uỷ, thuỷ): the official texts write hóa, xóa, ủy, thủy.
    const oldTones = /(?:^|[^\p{L}])\p{L}*(?:oá|oà|oả|oã|oạ|uỷ|uý|uỳ|uỹ|uỵ)(?![\p{L}])/u;
    for (const key of catalogueKeys('vi')) {
      const text = t('vi', key);
      for (const word of banned) expect(text, key).not.toMatch(word);
      expect(text, key).not.toMatch(oldTones);
    }
  });
});
