import type { Books } from '../../db/numbers/types.ts';
import { type Locale, t } from '../i18n/index.ts';

/** A row of the results table: a key of the books (CONTRACT.md's summary JSON). */
export type BookKey = keyof Omit<Books, 'rate'>;

/**
 * The rows of the results table (báo cáo kết quả THADS) in ../shared/WORDING.md's order, each with
 * its depth: a part of the row above it is one level deeper (total = carried over + new;
 * to enforce = with + without conditions; with conditions = done + enforcing + postponed +
 * suspended; done = completed + terminated; carried to next ⊇ carried with conditions).
 * The CLI table, the web page and the XLSX report all print these rows, with these words.
 */
export const RESULT_ROWS: readonly { key: BookKey; depth: number }[] = [
  { key: 'total', depth: 0 },
  { key: 'carried_over', depth: 1 },
  { key: 'new', depth: 1 },
  { key: 'entrusted', depth: 0 },
  { key: 'withdrawn', depth: 0 },
  { key: 'to_enforce', depth: 0 },
  { key: 'with_conditions', depth: 1 },
  { key: 'done', depth: 2 },
  { key: 'completed', depth: 3 },
  { key: 'terminated', depth: 3 },
  { key: 'enforcing', depth: 2 },
  { key: 'postponed', depth: 2 },
  { key: 'suspended', depth: 2 },
  { key: 'without_conditions', depth: 1 },
  { key: 'carried_to_next', depth: 0 },
  { key: 'carried_with_conditions', depth: 1 },
];

/** The official words of a row ("Thi hành xong thực tế"). */
export const rowLabel = (key: BookKey, locale: Locale): string => t(locale, `table.row.${key}`);

/** The rate rows' words: "Tỷ lệ thi hành xong về việc" / "… về tiền". */
export const rateLabel = (side: 'cases' | 'money', locale: Locale): string => t(locale, `table.rate.${side}`);
