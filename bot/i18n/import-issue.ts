import type { ImportIssue } from '../../db/import/types.ts';
import { formatCount } from '../format.ts';
import { type Locale, t } from './index.ts';

/** Params that are sums of money in whole VND, by issue: written `120.000.001` in the sentence. */
const moneyParams: Record<string, readonly string[]> = {
  'import.collection_no_money': ['value'],
  'import.collection_above_remaining': ['value', 'remaining', 'amount'],
};

/** One import issue in the person's words, for the CLI and the admin API alike. */
export function importIssueMessage(locale: Locale, issue: ImportIssue): string {
  const params = { ...issue.params };
  for (const name of moneyParams[issue.code] ?? []) {
    const value = Number(params[name]);
    if (Number.isSafeInteger(value)) params[name] = formatCount(value, locale);
  }
  return t(locale, issue.code, params);
}
