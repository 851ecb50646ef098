import type { Summary, TargetsMet } from '../../db/numbers/types.ts';
import { type Locale, t } from '../i18n/index.ts';

/** One of the four targets (WORDING.md), in their order. */
export type TargetKey = keyof Omit<TargetsMet, 'count'>;
export const TARGET_KEYS: readonly TargetKey[] = ['cases_rate', 'money_rate', 'carried_cases_cut', 'carried_money_cut'];

export interface TargetRow {
  key: TargetKey;
  /** The target set (percent), null when none is set. */
  target: number | null;
  /** The rate, or the cut since the last day of the previous work year (percent). */
  result: number | null;
  /** The same figure on the same day last year: rates only (a cut has no "cùng kỳ" here). */
  last: number | null;
  met: boolean | null;
}

/** The four targets of a summary (a unit's or an officer's), each against its result. */
export function targetRows(s: Pick<Summary, 'cases' | 'money' | 'targets' | 'targets_met' | 'carried_cut' | 'same_period_last_year'>): TargetRow[] {
  const result: Record<TargetKey, number | null> = {
    cases_rate: s.cases.rate,
    money_rate: s.money.rate,
    carried_cases_cut: s.carried_cut.cases,
    carried_money_cut: s.carried_cut.money,
  };
  const last: Record<TargetKey, number | null> = {
    cases_rate: s.same_period_last_year.cases_rate,
    money_rate: s.same_period_last_year.money_rate,
    carried_cases_cut: null,
    carried_money_cut: null,
  };
  return TARGET_KEYS.map((key) => ({ key, target: s.targets?.[key] ?? null, result: result[key], last: last[key], met: s.targets_met?.[key] ?? null }));
}

/** The target's official name: "Tỷ lệ thi hành xong về việc", "Giảm số việc có điều kiện chuyển kỳ sau so với năm trước". */
export const targetLabel = (key: TargetKey, locale: Locale): string => t(locale, `target.${key}`);

/** How many targets are met, as leaders say it: "Đạt 3/4 chỉ tiêu", "Đạt cả 04 chỉ tiêu"; or that none is set. */
export function targetsMetText(s: Pick<Summary, 'targets_met' | 'work_year'>, locale: Locale): string {
  const met = s.targets_met;
  if (!met) return t(locale, 'target.none_set', { year: s.work_year });
  return met.count === 4 ? t(locale, 'target.met_all') : t(locale, 'target.met_some', { count: met.count });
}
