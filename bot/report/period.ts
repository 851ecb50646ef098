import { addDays, type IsoDate, workYearStart } from '../../db/work-year.ts';
import { formatDate } from '../format.ts';
import { type Locale, t } from '../i18n/index.ts';

/**
 * A reporting period as leaders write it (WORDING.md): from 1 October to a month's last day, its
 * months are counted — "02 tháng năm công tác 2027 (từ 01/10/2026 đến 30/11/2026)"; to any other
 * day, the work year and the span — "năm công tác 2027 (từ 01/10/2026 đến 23/11/2026)". To be
 * written inside a sentence; periodLine writes it as a line of its own.
 */
export function formatPeriod(workYear: number, at: IsoDate, locale: Locale): string {
  const from = workYearStart(workYear);
  const span = { year: workYear, from: formatDate(from, locale), at: formatDate(at, locale) };
  const months = monthsFromStart(from, at);
  if (months === null) return t(locale, 'period.span', span);
  return t(locale, 'period.months', { ...span, months: locale === 'vi' ? String(months).padStart(2, '0') : months, s: months === 1 ? '' : 's' });
}

/** The period as a line of its own (a reply's footnote): "Năm công tác 2027 (từ … đến …)". */
export function periodLine(workYear: number, at: IsoDate, locale: Locale): string {
  const period = formatPeriod(workYear, at, locale);
  return period.charAt(0).toUpperCase() + period.slice(1);
}

/** Whole months from `from` (a 1 October) to `at` when `at` is a month's last day, else null. */
function monthsFromStart(from: IsoDate, at: IsoDate): number | null {
  if (addDays(at, 1).slice(8) !== '01' || at < from) return null;
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  const [ay, am] = at.split('-').map(Number) as [number, number];
  return (ay - fy) * 12 + (am - fm) + 1;
}

/** A week as its dates (WORDING.md: never an ISO week number): "30/11–06/12/2026". */
export function formatWeek(monday: IsoDate, locale: Locale): string {
  const sunday = addDays(monday, 6);
  const [my, mm, md] = monday.split('-') as [string, string, string];
  const [sy] = sunday.split('-') as [string];
  if (locale === 'en') return `${formatDate(monday, locale).replace(my === sy ? ` ${my}` : '', '')}–${formatDate(sunday, locale)}`;
  return `${md}/${mm}${my === sy ? '' : `/${my}`}–${formatDate(sunday, locale)}`;
}
