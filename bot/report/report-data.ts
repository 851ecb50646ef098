import { getOverdue } from '../../db/numbers/overdue.ts';
import type { NumbersOptions } from '../../db/numbers/options.ts';
import { getRanking } from '../../db/numbers/ranking.ts';
import { getSummary } from '../../db/numbers/summary.ts';
import type { OverdueReport, Ranking, Summary } from '../../db/numbers/types.ts';
import type { Db } from '../../db/client.ts';
import { getStaffNames } from '../../db/staff-names.ts';
import { getUnitNames, getUnitSubtree } from '../../db/units.ts';
import type { IsoDate } from '../../db/work-year.ts';

/**
 * At most this many overdue cases are listed (most overdue first); the count is always whole.
 * A province has a few thousand at worst; this keeps a runaway file out of a leader's inbox.
 */
export const REPORT_OVERDUE_LIMIT = 20_000;

/** Everything the report prints, read once: the same numbers as `thads summary`, `ranking`, `overdue`. */
export interface ReportData {
  summary: Summary;
  ranking: Ranking;
  overdue: OverdueReport;
  /** The name of every unit in the subtree, by code: the overdue list names units, not codes. */
  unitNames: ReadonlyMap<string, string>;
  /** The full names of the people responsible for the overdue findings, by staff code. */
  staffNames: ReadonlyMap<string, string>;
}

/** Reads the report of a unit as of `at`; an unknown unit is the numbers' UserError `unit_not_found`. */
export async function getReportData(db: Db, unitCode: string, at: IsoDate, numbers: NumbersOptions): Promise<ReportData> {
  // The subtree first: an unknown unit fails here, before any heavier query starts.
  const { unit, unitIds } = await getUnitSubtree(db, unitCode);
  const [summary, ranking, overdue, names] = await Promise.all([
    getSummary(db, unit.code, at, numbers),
    getRanking(db, unit.code, at, numbers),
    getOverdue(db, unit.code, at, numbers, { limit: REPORT_OVERDUE_LIMIT }),
    getUnitNames(db, unitIds),
  ]);
  const responsible = overdue.findings.flatMap((f) => (f.responsible ? [f.responsible] : []));
  return {
    summary,
    ranking,
    overdue,
    unitNames: new Map([...names.values()].map((u) => [u.code, u.name])),
    staffNames: await getStaffNames(db, responsible),
  };
}
