/**
 * Numbers, money, rates and dates the way a THADS reader expects them: `1.234.567.890 ₫`,
 * `84,25%`, `23/11/2026` in Vietnamese; the English forms keep the same layout (₫ after the
 * amount) so that tables line up identically in both languages. Pure functions, no I/O.
 */
import type { Locale } from './i18n/index.ts';

export { padText, renderTable, textWidth, truncateText } from './format/table.ts';
export { placeName } from './format/unit-name.ts';
export type { Align, TableOptions } from './format/table.ts';

const DASH = '—';

/**
 * The numbers are Intl's (`vi-VN`: `1.234.567,5`; `en`: `1,234,567.5`), from formatters made once
 * each. Intl's own text is kept out where it differs from what THADS readers are used to, each
 * difference pinned in test/bot/format.test.ts:
 * - rounding: Intl rounds the shortest decimal that reads back as the number, half away from zero
 *   (10.895 → 10,90; 1.005 tỷ → 1,01 tỷ), where these strings have always rounded the number's
 *   exact binary value (10,89; 1 tỷ). Values are rounded by `toFixed` first, so Intl only writes them;
 * - the currency style puts a no-break space before ₫ (`1.234.567.890\u00a0₫`; in English `₫1,234,567,890`),
 *   and percent or decimal styles would write "-0,00" for a tiny negative: `signDisplay: 'negative'` drops it;
 * - compact notation says `1 nghìn tỷ` above 999 tỷ and `12.4B` in English, where we write `1.000 tỷ`, `12.4 bn`.
 * One difference is taken: past Number.MAX_SAFE_INTEGER Intl writes the shortest decimal
 * (2^60: `…606.847.000`) where toFixed wrote every binary digit (`…606.846.976`); amounts are safe integers.
 */
const formatters = new Map<number, Intl.NumberFormat>();

function numberFormat(locale: Locale, style: 'decimal' | 'percent', minDecimals: number, maxDecimals: number): Intl.NumberFormat {
  // A number, not a string, for a key: this runs for every figure written (decimals < 10).
  const key = (locale === 'vi' ? 0 : 200) + (style === 'percent' ? 100 : 0) + minDecimals * 10 + maxDecimals;
  let format = formatters.get(key);
  if (!format) {
    const tag = locale === 'vi' ? 'vi-VN' : 'en-US';
    format = new Intl.NumberFormat(tag, {
      style,
      minimumFractionDigits: minDecimals,
      maximumFractionDigits: maxDecimals,
      useGrouping: true,
      signDisplay: 'negative',
    });
    // A Node built with small-icu (or an ICU without Vietnamese) would fall back to English
    // separators without a word: fail loudly instead.
    if (!format.resolvedOptions().locale.startsWith(tag.slice(0, 2))) {
      throw new Error(`Intl has no ${tag} number data here (small-icu?): numbers cannot be written`);
    }
    formatters.set(key, format);
  }
  return format;
}

/** `value` rounded to `decimals` as it always was (its exact binary value, half up); see above. */
function rounded(value: number, decimals: number): number {
  // A value with no more decimals than shown (counts, money, rates) has nothing to round, and
  // Intl writes it as toFixed would: skip toFixed's string and its parse.
  const power = 10 ** decimals;
  return Math.round(value * power) / power === value ? value : Number(value.toFixed(decimals));
}

/** A number with exactly `decimals` decimals: `1.234.567,50` (vi), `1,234,567.50` (en); never "-0,00". */
export function formatNumber(value: number, decimals: number, locale: Locale): string {
  return numberFormat(locale, 'decimal', decimals, decimals).format(rounded(value, decimals));
}

/** A whole count: `1.234` (vi), `1,234` (en). */
export function formatCount(n: number, locale: Locale): string {
  return formatNumber(Math.round(n), 0, locale);
}

/** Whole VND: `1.234.567.890 ₫` (vi), `1,234,567,890 ₫` (en): ₫ after a plain space, in both languages. */
export function formatMoney(vnd: number, locale: Locale): string {
  return `${formatCount(vnd, locale)} ₫`;
}

const shortUnits: Record<Locale, [number, string][]> = {
  vi: [
    [1e9, 'tỷ'],
    [1e6, 'triệu'],
    [1e3, 'nghìn'],
  ],
  en: [
    [1e9, 'bn'],
    [1e6, 'mn'],
    [1e3, 'k'],
  ],
};

const currencyWord: Record<Locale, string> = { vi: 'đồng', en: '₫' };

/** Up to `decimals` decimals, trailing zeros dropped: `12,4`, `1,25`, `2`. */
function formatTrimmed(value: number, decimals: number, locale: Locale): string {
  return numberFormat(locale, 'decimal', 0, decimals).format(rounded(value, decimals));
}

/**
 * Money in a sentence or at a glance (WORDING.md): `12,4 tỷ đồng`, `850 triệu đồng`, `1,25 tỷ đồng`
 * (vi); `12.4 bn ₫` (en). Three significant digits. The unit is chosen here, not by Intl's compact
 * notation (see above). Tables of the official report write the whole amount (formatMoney).
 */
export function formatMoneyShort(vnd: number, locale: Locale): string {
  const abs = Math.abs(vnd);
  const sign = vnd < 0 && abs >= 0.5 ? '-' : '';
  const scales = shortUnits[locale];
  for (let i = 0; i < scales.length; i++) {
    const [scale, name] = scales[i]!;
    if (abs < scale) continue;
    const value = abs / scale;
    const digits = value >= 100 ? 0 : value >= 10 ? 1 : 2;
    // 999,96 triệu rounds to 1.000 triệu: say 1 tỷ instead.
    if (i > 0 && rounded(value, digits) >= 1000) {
      const [bigger, biggerName] = scales[i - 1]!;
      return `${sign}${formatTrimmed(abs / bigger, 2, locale)} ${biggerName} ${currencyWord[locale]}`;
    }
    return `${sign}${formatTrimmed(value, digits, locale)} ${name} ${currencyWord[locale]}`;
  }
  return `${sign}${formatCount(abs, locale)} ${currencyWord[locale]}`;
}

/** A rate in percent with 2 decimals: `84,25%` (vi), `84.25%` (en); `—` when there is none. */
export function formatRate(rate: number | null | undefined, locale: Locale): string {
  if (rate === null || rate === undefined || Number.isNaN(rate)) return DASH;
  // Intl's percent style multiplies by 100 in decimal, so no binary error reaches the text.
  return numberFormat(locale, 'percent', 2, 2).format(rounded(rate, 2) / 100);
}

/**
 * The change between two rates in percentage points, for a table cell under a header that names
 * the unit ("điểm %", WORDING.md): `▲ 2,15`, `▼ 0,40`, `= 0,00`; `—` when either side is missing.
 */
export function formatDelta(current: number | null | undefined, previous: number | null | undefined, locale: Locale = 'vi'): string {
  const diff = pointsBetween(current, previous);
  if (diff === null) return DASH;
  const arrow = diff > 0 ? '▲' : diff < 0 ? '▼' : '=';
  return `${arrow} ${formatNumber(Math.abs(diff), 2, locale)}`;
}

/**
 * The same change in a sentence (WORDING.md: "điểm phần trăm" in full): against last year
 * `tăng 3,38 điểm phần trăm` / `giảm …` / `không đổi`; against a target `vượt 0,27 điểm phần trăm`
 * / `thấp hơn …` / `bằng chỉ tiêu`. `—` when either side is missing.
 */
export function formatChange(
  current: number | null | undefined,
  previous: number | null | undefined,
  against: 'last_year' | 'target',
  locale: Locale,
): string {
  const diff = pointsBetween(current, previous);
  if (diff === null) return DASH;
  const way = diff > 0 ? 'up' : diff < 0 ? 'down' : 'same';
  const words = changeWords[locale][against][way];
  return way === 'same' ? words : `${words} ${formatNumber(Math.abs(diff), 2, locale)} ${changeWords[locale].points}`;
}

const changeWords = {
  vi: { points: 'điểm phần trăm', last_year: { up: 'tăng', down: 'giảm', same: 'không đổi' }, target: { up: 'vượt', down: 'thấp hơn', same: 'bằng chỉ tiêu' } },
  en: { points: 'percentage points', last_year: { up: 'up', down: 'down', same: 'unchanged' }, target: { up: 'above by', down: 'below by', same: 'exactly on target' } },
} as const;

function pointsBetween(current: number | null | undefined, previous: number | null | undefined): number | null {
  if (current === null || current === undefined || previous === null || previous === undefined) return null;
  return Math.round((current - previous) * 100) / 100;
}

const monthsEn = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A calendar date `YYYY-MM-DD` as `23/11/2026` (vi) or `23 Nov 2026` (en, unambiguous day/month). */
export function formatDate(iso: string, locale: Locale): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!match) return iso;
  const [, y, m, d] = match as unknown as [string, string, string, string];
  return locale === 'vi' ? `${d}/${m}/${y}` : `${d} ${monthsEn[Number(m) - 1]} ${y}`;
}

/** An instant as a date and 24-hour time in a time zone: `24/11/2026 14:30`. */
export function formatDateTime(instant: Date, timeZone: string, locale: Locale): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${formatDate(`${part('year')}-${part('month')}-${part('day')}`, locale)} ${part('hour')}:${part('minute')}`;
}
