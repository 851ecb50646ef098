import type { Books, Summary } from '../../db/numbers/types.ts';
import { formatCount, formatMoneyShort } from '../format.ts';
import { type Locale, t } from '../i18n/index.ts';

/** A column of the books as "cases · money": `1.234 việc · 12,4 tỷ ₫`. Shared by /tomtat and the weekly briefing. */
export function booksPair(s: Pick<Summary, 'cases' | 'money'>, key: keyof Omit<Books, 'rate'>, locale: Locale): string {
  return t(locale, 'cmd.tomtat.pair', { cases: formatCount(s.cases[key], locale), money: formatMoneyShort(s.money[key], locale) });
}

/** ✓ target met, ✗ not met, — no target or no rate. Shared by /xephang and the weekly briefing. */
export const targetMark = (meets: boolean | null): string => (meets === null ? '—' : meets ? '✓' : '✗');
