/**
 * Numbers, money, rates and dates the way a THADS reader expects them: `1.234.567.890 ₫`,
 * `84,25%`, `23/11/2026` in Vietnamese; the English forms keep the same layout (₫ after the
 * amount) so that tables line up identically in both languages. Pure functions, no I/O.
 */
import type { Locale } from './i18n/index.ts';

export { padText, renderTable, textWidth, truncateText } from './format/table.ts';
export type { Align, TableOptions } from './format/table.ts';

const DASH = '—';

function separators(locale: Locale): { group: string; decimal: string } {
  return locale === 'vi' ? { group: '.', decimal: ',' } : { group: ',', decimal: '.' };
}

/**
 * Groups digits by hand rather than with Intl: ICU data differs between Node builds (small-icu,
 * Workers), and these strings are compared in tests and read by people side by side.
 */
export function formatNumber(value: number, decimals: number, locale: Locale): string {
  const { group, decimal } = separators(locale);
  const fixed = Math.abs(value).toFixed(decimals);
  const [whole = '0', fraction] = fixed.split('.');
  // No "-0,00": a negative value that rounds to zero is shown as zero.
  const negative = value < 0 && /[1-9]/.test(fixed);
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  return `${negative ? '-' : ''}${grouped}${fraction ? decimal + fraction : ''}`;
}

/** A whole count: `1.234` (vi), `1,234` (en). */
export function formatCount(n: number, locale: Locale): string {
  return formatNumber(Math.round(n), 0, locale);
}

/** Whole VND: `1.234.567.890 ₫` (vi), `1,234,567,890 ₫` (en). */
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

/** Money for a glance: `12,4 tỷ ₫`, `850 triệu ₫`, `1,25 tỷ ₫` (vi); `12.4 bn ₫` (en). Three significant digits. */
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
    if (i > 0 && Number(value.toFixed(digits)) >= 1000) {
      const [bigger, biggerName] = scales[i - 1]!;
      return `${sign}${trimZeros(formatNumber(abs / bigger, 2, locale), locale)} ${biggerName} ₫`;
    }
    return `${sign}${trimZeros(formatNumber(value, digits, locale), locale)} ${name} ₫`;
  }
  return `${sign}${formatCount(abs, locale)} ₫`;
}

function trimZeros(text: string, locale: Locale): string {
  const { decimal } = separators(locale);
  if (!text.includes(decimal)) return text;
  return text.replace(/0+$/, '').replace(new RegExp(`\\${decimal}$`), '');
}

/** A rate in percent with 2 decimals: `84,25%` (vi), `84.25%` (en); `—` when there is none. */
export function formatRate(rate: number | null | undefined, locale: Locale): string {
  if (rate === null || rate === undefined || Number.isNaN(rate)) return DASH;
  return `${formatNumber(rate, 2, locale)}%`;
}

/**
 * The change between two rates in percentage points: `▲ 2,15 điểm %`, `▼ 0,40 điểm %`,
 * `= 0,00 điểm %`; `—` when either side is missing (no cases with conditions then).
 */
export function formatDelta(current: number | null | undefined, previous: number | null | undefined, locale: Locale = 'vi'): string {
  if (current === null || current === undefined || previous === null || previous === undefined) return DASH;
  const diff = Math.round((current - previous) * 100) / 100;
  const arrow = diff > 0 ? '▲' : diff < 0 ? '▼' : '=';
  const unit = locale === 'vi' ? 'điểm %' : 'pp';
  return `${arrow} ${formatNumber(Math.abs(diff), 2, locale)} ${unit}`;
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
