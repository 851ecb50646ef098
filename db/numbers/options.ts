import type { Calendar } from '../calendar.ts';
import type { OverdueRules } from '../overdue-rules.ts';

/** What the numbers need besides the database: working days and the overdue rules. */
export interface NumbersOptions {
  calendar: Calendar;
  rules: OverdueRules;
}
