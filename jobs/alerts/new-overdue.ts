import type { OverdueCase } from '../../db/numbers/types.ts';
import type { IsoDate } from '../../db/work-year.ts';

/**
 * The time limits a case broke since the last alert. The job runs on working days only, so the
 * last alert was on the previous working day `since`, and it saw a limit as broken when its due
 * day was before `since` (a case is overdue the day after its due day). A limit due on `since`
 * or later was not broken then and is now: that is what is new. When runs were missed, the job
 * passes the day of its last run instead (job_runs), and a run on a holiday counts from the
 * working day before it.
 */
export function newReasons(c: OverdueCase, since: IsoDate): OverdueCase['reasons'] {
  return c.reasons.filter((r) => r.due >= since);
}

/** Whether the case broke a time limit since the last alert. */
export const isNewlyOverdue = (c: OverdueCase, since: IsoDate): boolean => newReasons(c, since).length > 0;
