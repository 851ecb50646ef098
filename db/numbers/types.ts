import type { IsoDate } from '../work-year.ts';

/** One column of the official table, by cases or by money (VND). */
export interface Books {
  carried_over: number;
  new: number;
  total: number;
  entrusted: number;
  withdrawn: number;
  to_enforce: number;
  with_conditions: number;
  without_conditions: number;
  completed: number;
  terminated: number;
  done: number;
  /** Đang thi hành: with conditions, neither done nor postponed nor suspended on `at`. */
  enforcing: number;
  postponed: number;
  suspended: number;
  carried_to_next: number;
  carried_with_conditions: number;
  /** done ÷ with_conditions in percent, 2 decimals; null when nothing is with conditions. */
  rate: number | null;
}

export interface Targets {
  cases_rate: number;
  money_rate: number;
  carried_cases_cut: number;
  carried_money_cut: number;
}

/** The summary JSON of CONTRACT.md (`thads summary --json`, `/api/units/:code/summary`). */
export interface Summary {
  unit: string;
  name: string;
  kind: 'province' | 'local';
  work_year: number;
  from: IsoDate;
  at: IsoDate;
  cases: Books;
  money: Books;
  targets: Targets | null;
  /**
   * The same day last year (cùng kỳ): its rates (CONTRACT.md) and, beside them, its whole books,
   * so the results table compares the volumes too.
   */
  same_period_last_year: { at: IsoDate; cases_rate: number | null; money_rate: number | null; cases: Books; money: Books };
  carried_cut: CarriedCut;
  /**
   * Credit-institution cases (án tín dụng, ngân hàng): to enforce and done, by cases and by
   * money, counted as the rows above are (CONTRACT.md).
   */
  credit: { cases: number; money: number; done_cases: number; done_money: number };
  /** Cases still in hand on `at` (to enforce, not done) under complaint, and complex or prolonged. */
  flags: { complaint: number; complex: number };
  /** Null when no targets are set. */
  targets_met: TargetsMet | null;
  overdue: number;
}

/**
 * The cut in what is with conditions and carried to next period (carried_with_conditions) since
 * the last day of the previous work year (`base_at`), in percent of that base, 2 decimals; null
 * where the base is 0. Negative when it grew.
 */
export interface CarriedCut {
  base_at: IsoDate;
  cases_base: number;
  money_base: number;
  cases: number | null;
  money: number | null;
}

/**
 * Each of the four targets: met (the rate or cut at least the target), not met, or null when its
 * rate or cut is itself null (nothing to divide by: not judged, and not counted as met).
 */
export interface TargetsMet {
  cases_rate: boolean | null;
  money_rate: boolean | null;
  carried_cases_cut: boolean | null;
  carried_money_cut: boolean | null;
  /** How many of the four are met. */
  count: number;
}

/**
 * One ranked unit or officer (Chấp hành viên): the summary keys of CONTRACT.md for the cases it
 * holds — the full books by cases and by money, its own targets, the carried cuts and the four
 * targets judged. An officer's targets are their own (targets.csv rows with their officer_code),
 * never the unit's: null, and targets_met null, when none is set.
 */
export interface RankingRow {
  rank: number;
  code: string;
  name: string;
  cases: Books;
  money: Books;
  targets: Targets | null;
  carried_cut: CarriedCut;
  targets_met: TargetsMet | null;
  /** Whether each rate meets its target; null without a target or without a rate. */
  meets: { cases_rate: boolean | null; money_rate: boolean | null };
}

export interface Ranking {
  unit: string;
  name: string;
  work_year: number;
  at: IsoDate;
  /** A province ranks its child units; a local unit ranks its officers. */
  by: 'units' | 'officers';
  rows: RankingRow[];
}

export type OverdueReason = 'deadline' | 'verification_late' | 'reverification_due' | 'stale_with_conditions';

export interface OverdueCase {
  code: string;
  unit: string;
  officer: string | null;
  officer_name: string | null;
  status: string;
  accepted_date: IsoDate;
  amount: number;
  /** Amount minus everything collected up to `at`. */
  remaining: number;
  /**
   * Each broken time limit with the day it fell due, oldest first; a limit counted in months
   * (re-verification, a year with conditions) says how many, as the rules in force set it.
   */
  reasons: { reason: OverdueReason; due: IsoDate; months?: number }[];
  days_overdue: number;
}

export interface OverdueFinding {
  code: string;
  inspection: string;
  unit: string;
  description: string;
  responsible: string | null;
  due_date: IsoDate;
  status: 'open' | 'reported';
  days_overdue: number;
}

export interface OverdueReport {
  unit: string;
  name: string;
  at: IsoDate;
  total_cases: number;
  cases: OverdueCase[];
  findings: OverdueFinding[];
}
