import { formatChange, formatCount, formatDate, formatRate } from '../../bot/format.ts';
import { type Locale, t } from '../../bot/i18n/index.ts';
import { targetMark } from '../../bot/commands/summary-fields.ts';
import { overdueReasonText } from '../../bot/report/overdue-reason.ts';
import type { OverdueCase, Summary } from '../../db/numbers/types.ts';

/** One overdue case as a line naming its officer in full (the sender turns the name into a mention). */
export function overdueCaseLine(c: OverdueCase, locale: Locale, reasons: OverdueCase['reasons'] = c.reasons): string {
  return t(locale, 'job.case_line', {
    case: c.code,
    officer: c.officer_name ?? t(locale, 'job.no_officer'),
    reasons: reasons
      .map((r) => t(locale, 'job.reason_due', { reason: overdueReasonText(r, locale), due: formatDate(r.due, locale) }))
      .join('; '),
    days: formatCount(c.days_overdue, locale),
  });
}

/** "… and N more" when only part of a list is shown, else nothing. */
export function moreLine(total: number, shown: number, locale: Locale, key: 'job.more' | 'job.more_plain' = 'job.more'): string[] {
  return total > shown ? [t(locale, key, { count: formatCount(total - shown, locale) })] : [];
}

/**
 * A rate against its target (✓/✗) and against the same day last year (▲/▼):
 * `84,25% (chỉ tiêu 85,00%, ✗), tăng 3,10 điểm phần trăm so với cùng kỳ (81,15%)`.
 */
export function rateLine(s: Summary, key: 'cases' | 'money', locale: Locale): string {
  const rate = s[key].rate;
  const target = s.targets?.[key === 'cases' ? 'cases_rate' : 'money_rate'];
  const last = s.same_period_last_year[key === 'cases' ? 'cases_rate' : 'money_rate'];
  const meets = rate === null || target === undefined ? null : rate >= target;
  return t(locale, 'job.briefing.rate_line', {
    rate: formatRate(rate, locale),
    target:
      target === undefined
        ? t(locale, 'job.briefing.no_target')
        : t(locale, 'job.briefing.target', { target: formatRate(target, locale), mark: targetMark(meets) }),
    last:
      last === null || rate === null
        ? t(locale, 'job.briefing.no_last')
        : t(locale, 'job.briefing.vs_last', { delta: formatChange(rate, last, 'last_year', locale), last: formatRate(last, locale) }),
  });
}
