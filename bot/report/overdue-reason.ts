import type { OverdueCase } from '../../db/numbers/types.ts';
import { type Locale, t } from '../i18n/index.ts';

/**
 * An overdue reason in its one wording (WORDING.md), the same in chat, CLI, jobs and exports:
 * "Quá hạn xác minh lại (06 tháng)", or "(01 năm)" for a case re-verified yearly (a prison term of
 * 2 years or more, an unknown address) — the period is the one the rules in force applied.
 */
export function overdueReasonText(r: OverdueCase['reasons'][number], locale: Locale): string {
  return t(locale, `overdue.reason.${r.reason}`, { period: r.months === undefined ? '' : monthsPeriod(r.months, locale) });
}

/** 6 → "06 tháng", 12 → "01 năm", 18 → "18 tháng" (vi, as the official texts pad them); "6 months", "1 year" (en). */
export function monthsPeriod(months: number, locale: Locale): string {
  const years = months % 12 === 0 ? months / 12 : null;
  const n = years ?? months;
  const count = locale === 'vi' ? String(n).padStart(2, '0') : String(n);
  return t(locale, years === null ? 'period.n_months' : 'period.n_years', { n: count, s: n === 1 ? '' : 's' });
}
