import { describe, expect, it } from 'vitest';
import {
  formatCount,
  formatDate,
  formatDateTime,
  formatDelta,
  formatMoney,
  formatMoneyShort,
  formatNumber,
  formatRate,
  renderTable,
  textWidth,
  truncateText,
} from '../../bot/format.ts';

describe('numbers the Vietnamese way', () => {
  it('groups money by thousands, above 2^31 too, with zero and negatives', () => {
    expect(formatMoney(1_234_567_890, 'vi')).toBe('1.234.567.890 ₫');
    expect(formatMoney(1_234_567_890, 'en')).toBe('1,234,567,890 ₫');
    expect(formatMoney(2 ** 31 + 1, 'vi')).toBe('2.147.483.649 ₫');
    expect(formatMoney(987_654_321_012_345, 'vi')).toBe('987.654.321.012.345 ₫');
    expect(formatMoney(0, 'vi')).toBe('0 ₫');
    expect(formatMoney(999, 'vi')).toBe('999 ₫');
    expect(formatMoney(-1_500_000, 'vi')).toBe('-1.500.000 ₫');
    expect(formatCount(1234, 'vi')).toBe('1.234');
    expect(formatCount(1234, 'en')).toBe('1,234');
  });

  it('writes rates with a decimal comma and a dash for none', () => {
    expect(formatRate(84.25, 'vi')).toBe('84,25%');
    expect(formatRate(84.25, 'en')).toBe('84.25%');
    expect(formatRate(83.9, 'vi')).toBe('83,90%');
    expect(formatRate(100, 'vi')).toBe('100,00%');
    expect(formatRate(null, 'vi')).toBe('—');
    expect(formatRate(undefined, 'en')).toBe('—');
  });

  it('shortens money to tỷ / triệu with three significant digits', () => {
    expect(formatMoneyShort(12_400_000_000, 'vi')).toBe('12,4 tỷ đồng');
    expect(formatMoneyShort(12_400_000_000, 'en')).toBe('12.4 bn ₫');
    expect(formatMoneyShort(850_000_000, 'vi')).toBe('850 triệu đồng');
    expect(formatMoneyShort(1_250_000_000, 'vi')).toBe('1,25 tỷ đồng');
    expect(formatMoneyShort(2_000_000_000, 'vi')).toBe('2 tỷ đồng');
    expect(formatMoneyShort(1_234_000_000_000, 'vi')).toBe('1.234 tỷ đồng');
    expect(formatMoneyShort(999_990_000, 'vi')).toBe('1 tỷ đồng');
    expect(formatMoneyShort(500_000, 'vi')).toBe('500 nghìn đồng');
    expect(formatMoneyShort(750, 'vi')).toBe('750 đồng');
    expect(formatMoneyShort(0, 'vi')).toBe('0 đồng');
    expect(formatMoneyShort(-3_500_000, 'vi')).toBe('-3,5 triệu đồng');
  });

  it('shows the change in percentage points with an arrow, the unit left to the column header', () => {
    expect(formatDelta(84.25, 82.1)).toBe('▲ 2,15');
    expect(formatDelta(80, 84.25, 'vi')).toBe('▼ 4,25');
    expect(formatDelta(50, 50, 'vi')).toBe('= 0,00');
    expect(formatDelta(84.25, 82.1, 'en')).toBe('▲ 2.15');
    expect(formatDelta(null, 82.1)).toBe('—');
    expect(formatDelta(84.25, undefined)).toBe('—');
  });

  it('writes dates day first, and times in the app time zone', () => {
    expect(formatDate('2026-11-23', 'vi')).toBe('23/11/2026');
    expect(formatDate('2026-11-23', 'en')).toBe('23 Nov 2026');
    // 17:05 UTC is past midnight in Hà Nội: the date moves to the next day.
    expect(formatDateTime(new Date('2026-11-23T17:05:00Z'), 'Asia/Ho_Chi_Minh', 'vi')).toBe('24/11/2026 00:05');
  });
});

describe('numbers from Intl, and where its own text is kept out', () => {
  const intl = (locale: string, options: Intl.NumberFormatOptions) => new Intl.NumberFormat(locale, options);

  it('writes exactly the strings written by hand before, from Intl.NumberFormat', () => {
    // The strings above, and these, were the hand-written code's output; they are now Intl's.
    expect(formatNumber(1_234_567.5, 2, 'vi')).toBe('1.234.567,50');
    expect(formatNumber(1_234_567.5, 2, 'en')).toBe('1,234,567.50');
    expect(formatNumber(-1_234.5, 1, 'vi')).toBe('-1.234,5');
    expect(formatCount(Number.MAX_SAFE_INTEGER, 'vi')).toBe('9.007.199.254.740.991');
    expect(formatCount(-0.4, 'vi')).toBe('0');
    expect(formatRate(0.29, 'vi')).toBe('0,29%');
    expect(formatRate(1234.5, 'vi')).toBe('1.234,50%');
    expect(formatMoneyShort(48_000_000, 'vi')).toBe('48 triệu đồng');
    // The one change, where no amount goes (amounts are safe integers): the hand code wrote 1.152.921.504.606.846.976.
    expect(formatCount(2 ** 60, 'vi')).toBe('1.152.921.504.606.847.000');
    // What Intl gives alone, for the same numbers: the same text.
    expect(intl('vi-VN', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(1_234_567.5)).toBe('1.234.567,50');
    expect(intl('vi-VN', { style: 'percent', minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(0.8425)).toBe('84,25%');
    expect(intl('en-US', { style: 'percent', minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(0.8425)).toBe('84.25%');
    expect(intl('vi-VN', { notation: 'compact', compactDisplay: 'long', maximumSignificantDigits: 3 }).format(12_400_000_000)).toBe('12,4 tỷ');
  });

  it('appends " ₫" itself: the currency style puts a no-break space before it, or ₫ first in English', () => {
    expect(formatMoney(1_234_567_890, 'vi')).toBe('1.234.567.890 ₫');
    expect(intl('vi-VN', { style: 'currency', currency: 'VND' }).format(1_234_567_890)).toBe('1.234.567.890\u00a0₫');
    expect(intl('en-US', { style: 'currency', currency: 'VND' }).format(1_234_567_890)).toBe('₫1,234,567,890');
  });

  it('never writes "-0,00", which Intl does for a tiny negative unless told signDisplay: negative', () => {
    expect(formatNumber(-0.001, 2, 'vi')).toBe('0,00');
    expect(formatRate(-0.001, 'vi')).toBe('0,00%');
    expect(intl('vi-VN', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(-0.001)).toBe('-0,00');
    expect(intl('vi-VN', { style: 'percent', minimumFractionDigits: 2 }).format(-0.00001)).toBe('-0,00%');
  });

  it('rounds as before (the binary value, by toFixed), where Intl rounds the shortest decimal half up', () => {
    // 10.895 is stored as 10.89499…: toFixed says 10,89; Intl reads "10.895" and says 10,90.
    expect(formatNumber(10.895, 2, 'vi')).toBe('10,89');
    expect(intl('vi-VN', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(10.895)).toBe('10,90');
    // A real amount: 1.005.000.000 ₫ is 1,00499… tỷ in binary.
    expect(formatMoneyShort(1_005_000_000, 'vi')).toBe('1 tỷ đồng');
    expect(intl('vi-VN', { notation: 'compact', compactDisplay: 'long', maximumSignificantDigits: 3 }).format(1_005_000_000)).toBe('1,01 tỷ');
  });

  it('chooses the short unit itself: Intl says "nghìn tỷ" past 999 tỷ, and B, M, K in English', () => {
    expect(formatMoneyShort(1_234_000_000_000, 'vi')).toBe('1.234 tỷ đồng');
    expect(intl('vi-VN', { notation: 'compact', compactDisplay: 'long', maximumSignificantDigits: 3 }).format(1_234_000_000_000)).toBe('1,23 nghìn tỷ');
    expect(formatMoneyShort(12_400_000_000, 'en')).toBe('12.4 bn ₫');
    expect(intl('en-US', { notation: 'compact', maximumSignificantDigits: 3 }).format(12_400_000_000)).toBe('12.4B');
    expect(intl('en-US', { notation: 'compact', compactDisplay: 'long', maximumSignificantDigits: 3 }).format(12_400_000_000)).toBe('12.4 billion');
  });
});

describe('plain-text tables', () => {
  it('measures Vietnamese by what the eye sees, composed or decomposed', () => {
    const composed = 'Nguyễn Thị Thanh Hương';
    const decomposed = composed.normalize('NFD');
    expect(decomposed.length).toBeGreaterThan(composed.length);
    expect(textWidth(composed)).toBe(22);
    expect(textWidth(decomposed)).toBe(22);
    expect(textWidth('Đ')).toBe(1);
    expect(textWidth('₫')).toBe(1);
    expect(textWidth('越南')).toBe(4);
  });

  it('aligns columns, numbers to the right, whatever the diacritics', () => {
    const table = renderTable(
      ['Đơn vị', 'Việc', 'Tiền'],
      [
        ['Đông Sơn', '1.234', '1.234.567.890 ₫'],
        ['Thạch Bàn'.normalize('NFD'), '7', '0 ₫'],
        ['Hòa An', '—', '12.000 ₫'],
      ],
    );
    const lines = table.split('\n');
    expect(lines).toEqual([
      'Đơn vị      Việc             Tiền',
      '---------  -----  ---------------',
      'Đông Sơn   1.234  1.234.567.890 ₫',
      'Thạch Bàn      7              0 ₫',
      'Hòa An         —         12.000 ₫',
    ]);
    // Every line has the same width on screen, and no trailing spaces.
    for (const line of lines) expect(textWidth(line)).toBe(textWidth(lines[1]!));
    expect(lines.every((l) => l === l.trimEnd())).toBe(true);
    // Output is NFC, so a decomposed input does not reach the terminal decomposed.
    expect(table.includes('Thạch Bàn')).toBe(true);
  });

  it('keeps a text column left-aligned and follows explicit alignment', () => {
    const table = renderTable(['Mã', 'Ghi chú'], [['BH-DS', 'ổn'], ['BH-TB', 'chậm']], { align: ['right'] });
    expect(table.split('\n')).toEqual(['   Mã  Ghi chú', '-----  -------', 'BH-DS  ổn', 'BH-TB  chậm']);
  });

  it('cuts long text to a width with an ellipsis', () => {
    expect(truncateText('Chưa lập hồ sơ theo dõi việc chưa có điều kiện', 20)).toBe('Chưa lập hồ sơ theo…');
    expect(textWidth(truncateText('Chưa lập hồ sơ theo dõi việc', 20))).toBeLessThanOrEqual(20);
    expect(truncateText('ngắn', 20)).toBe('ngắn');
  });
});
