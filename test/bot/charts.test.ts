import { describe, expect, it } from 'vitest';
import { monthlyRatesOption, renderMonthlyRatesChart } from '../../bot/charts/monthly-rates.ts';
import { CHART_FONT, rasterize, renderSvg } from '../../bot/charts/png.ts';
import { renderUnitsRatesChart, unitsRatesOption, unitsRatesSize } from '../../bot/charts/units-rates.ts';
import { placeName } from '../../bot/format/unit-name.ts';
import { emptyBooks } from '../../db/numbers/books.ts';
import type { MonthlyRates } from '../../db/numbers/monthly-rates.ts';
import type { Ranking, RankingRow } from '../../db/numbers/types.ts';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from a PNG's IHDR chunk. */
const pngSize = (png: Buffer) => ({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) });

function row(name: string, cases: number | null, money: number | null, targets: [number, number] | null): RankingRow {
  return {
    rank: 0,
    code: name,
    name,
    cases: { ...emptyBooks(), rate: cases },
    money: { ...emptyBooks(), rate: money },
    targets: targets ? { cases_rate: targets[0], money_rate: targets[1], carried_cases_cut: 5, carried_money_cut: 5 } : null,
    carried_cut: { base_at: '2026-09-30', cases_base: 0, money_base: 0, cases: null, money: null },
    targets_met: null,
    meets: { cases_rate: null, money_rate: null },
  };
}

const ranking = (first: string): Ranking => ({
  unit: 'BH',
  name: 'Thi hành án dân sự tỉnh Bình Hà',
  work_year: 2027,
  at: '2026-11-23',
  by: 'units',
  rows: [row(first, 84.25, 51.9, [85, 50]), row('Phòng Thi hành án dân sự khu vực Hòa An', 60, 30.5, [80, 45]), row('Phòng Thi hành án dân sự khu vực Mỹ Lộc', null, null, null)],
});

/** Pixels of an RGBA image that are not white (text, lines, bars), as a set of indexes. */
function ink(svg: string): { dark: Set<number>; width: number; height: number } {
  const image = rasterize(svg);
  const dark = new Set<number>();
  const px = image.pixels;
  for (let i = 0; i < image.width * image.height; i++) if (px[i * 4]! + px[i * 4 + 1]! + px[i * 4 + 2]! < 720) dark.add(i);
  return { dark, width: image.width, height: image.height };
}

const textSvg = (text: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="200"><text x="40" y="130" font-size="96" font-family="${CHART_FONT}" fill="#000">${text}</text></svg>`;

describe('charts drawn on the server', () => {
  it('names units as lists do: the place, not the agency', () => {
    expect(placeName('Phòng Thi hành án dân sự khu vực Đông Sơn')).toBe('Đông Sơn');
    expect(placeName('Chi cục THADS huyện Đông Sơn')).toBe('Đông Sơn');
    expect(placeName('Cục THADS tỉnh Thanh Hóa')).toBe('Thanh Hóa');
    expect(placeName('Thi hành án dân sự tỉnh Bình Hà')).toBe('Bình Hà');
    expect(placeName('Đông Sơn')).toBe('Đông Sơn');
  });

  it('renders the units’ rates as a PNG of the expected size, Vietnamese by default, vi-VN percentages', () => {
    const png = renderUnitsRatesChart(ranking('Phòng Thi hành án dân sự khu vực Đông Sơn'), 'vi');
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(pngSize(png)).toEqual({ width: 1280, height: 720 });
    expect(png.length).toBeGreaterThan(10_000);
    expect(png.length).toBeLessThan(1_000_000);
    const svg = renderSvg(unitsRatesOption(ranking('Phòng Thi hành án dân sự khu vực Đông Sơn'), 'vi'));
    for (const words of ['Tỷ lệ thi hành xong của các đơn vị thuộc Thi hành án dân sự tỉnh Bình Hà', 'Tỷ lệ thi hành xong về việc', 'Tỷ lệ thi hành xong về tiền', 'Chỉ tiêu về việc', '>Đông Sơn<', '>Hòa An<', '84,25%', '51,90%', '60,00%']) {
      expect(svg).toContain(words);
    }
    expect(svg).not.toContain('khu vực Đông Sơn');
    const en = renderSvg(unitsRatesOption(ranking('Đông Sơn'), 'en'));
    expect(en).toContain('84.25%');
    expect(en).toContain('Rate done by cases');
    expect(en).not.toContain('84,25%');
  });

  it('widens the chart for a province of many units', () => {
    expect(unitsRatesSize(9)).toEqual({ width: 1280, height: 720 });
    expect(unitsRatesSize(160).width).toBeGreaterThan(6000 - 1);
  });

  it('draws a unit’s name in the label’s place: another name changes only the pixels of the axis labels', () => {
    const a = ink(renderSvg(unitsRatesOption(ranking('Thi hành xong Đông Sơn'), 'vi')));
    const b = ink(renderSvg(unitsRatesOption(ranking(''), 'vi')));
    const differ = [...a.dark].filter((i) => !b.dark.has(i)).concat([...b.dark].filter((i) => !a.dark.has(i)));
    expect(differ.length).toBeGreaterThan(300);
    const rows = differ.map((i) => Math.floor(i / a.width));
    const cols = differ.map((i) => i % a.width);
    // Below the plot (grid bottom at 720 − 90 = 630), under the first of three categories.
    expect(Math.min(...rows)).toBeGreaterThanOrEqual(630);
    expect(Math.max(...rows)).toBeLessThan(680);
    expect(Math.max(...cols)).toBeLessThan(70 + (1280 - 110) / 3);
  });

  it('draws the text with the TTF font only: nothing without it', () => {
    expect(ink(textSvg('Thi hành xong Đông Sơn')).dark.size).toBeGreaterThan(2000);
    const image = rasterize(textSvg('Thi hành xong Đông Sơn'), []);
    expect(image.pixels.every((v) => v === 255)).toBe(true);
  });

  it('draws Vietnamese letters as the base letter plus its marks, not as missing-glyph boxes', () => {
    // A letter with a diacritic covers its base letter (drawn in the same place) and adds ink:
    // a box standing for a missing glyph would not contain the base letter's shape.
    for (const [marked, base] of [['ô', 'o'], ['ơ', 'o'], ['ư', 'u'], ['ạ', 'a'], ['ằ', 'a'], ['ỹ', 'y']] as const) {
      const m = ink(textSvg(marked)).dark;
      const b = ink(textSvg(base)).dark;
      const covered = [...b].filter((i) => m.has(i)).length / b.size;
      expect(covered, `${marked} covers ${base}`).toBeGreaterThan(0.9);
      expect(m.size, `${marked} adds to ${base}`).toBeGreaterThan(b.size * 1.05);
    }
    // Đ is its own glyph (a barred D, set wider): it differs from D and draws more.
    expect(ink(textSvg('Đ')).dark.size).toBeGreaterThan(ink(textSvg('D')).dark.size * 1.05);
    expect(ink(textSvg('Đông Sơn')).dark).not.toEqual(ink(textSvg('Dong Son')).dark);
  });

  it('renders the monthly rates against last year, the last point on `at`', () => {
    const m: MonthlyRates = {
      unit: 'BH-DS',
      name: 'Phòng Thi hành án dân sự khu vực Đông Sơn',
      work_year: 2027,
      at: '2026-11-23',
      points: [
        { at: '2026-10-31', cases_rate: 20.5, money_rate: 10, last_year: { at: '2025-10-31', cases_rate: 30, money_rate: null } },
        { at: '2026-11-23', cases_rate: 54.76, money_rate: 8.12, last_year: { at: '2025-11-23', cases_rate: 45.5, money_rate: 8.6 } },
      ],
    };
    const png = renderMonthlyRatesChart(m, 'vi');
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(pngSize(png)).toEqual({ width: 1280, height: 720 });
    const svg = renderSvg(monthlyRatesOption(m, 'vi'));
    for (const words of ['Tỷ lệ thi hành xong theo tháng — Phòng Thi hành án dân sự khu vực Đông Sơn', 'Tỷ lệ thi hành xong về việc — năm công tác 2027', 'Tỷ lệ thi hành xong về tiền — năm công tác 2026', '>31/10<', '>23/11<', '54,76%']) {
      expect(svg).toContain(words);
    }
    expect(renderSvg(monthlyRatesOption(m, 'en'))).toContain('>23 Nov<');
  });
});
