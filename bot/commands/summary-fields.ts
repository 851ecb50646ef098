import type { Books, Summary } from '../../db/numbers/types.ts';
import { formatCount, formatMoneyShort } from '../format.ts';
import { type Locale, t } from '../i18n/index.ts';

/** A column of the books as "cases · money": `1.234 việc · 12,4 tỷ ₫`. Shared by /tomtat and the weekly briefing. */
export function booksPair(s: Pick<Summary, 'cases' | 'money'>, key: keyof Omit<Books, 'rate'>, locale: Locale): string {
  return t(locale, 'cmd.tomtat.pair', { cases: formatCount(s.cases[key], locale), money: formatMoneyShort(s.money[key], locale) });
}

/** The credit-institution cases' field (label and value), shared by /tomtat and the weekly briefing. */
export function creditField(s: Pick<Summary, 'credit'>, locale: Locale): { label: string; value: string } {
  return {
    label: t(locale, 'cmd.tomtat.credit'),
    value: t(locale, 'cmd.tomtat.credit_value', {
      done_cases: formatCount(s.credit.done_cases, locale),
      cases: formatCount(s.credit.cases, locale),
      done_money: formatMoneyShort(s.credit.done_money, locale),
      money: formatMoneyShort(s.credit.money, locale),
    }),
  };
}

/** The flagged cases still in hand (under complaint; complex or prolonged), shared by /tomtat and the weekly briefing. */
export function flagsField(s: Pick<Summary, 'flags'>, locale: Locale): { label: string; value: string } {
  return {
    label: t(locale, 'cmd.tomtat.flags'),
    value: t(locale, 'cmd.tomtat.flags_value', {
      complaint: formatCount(s.flags.complaint, locale),
      complex: formatCount(s.flags.complex, locale),
    }),
  };
}

/** ✓ target met, ✗ not met, — no target or no rate. Shared by /xephang and the weekly briefing. */
export const targetMark = (meets: boolean | null): string => (meets === null ? '—' : meets ? '✓' : '✗');
