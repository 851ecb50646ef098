import pino from 'pino';
import { pngCharts } from '../../bot/charts/png-charts.ts';
import type { Locale } from '../../bot/i18n/index.ts';
import { createCalendar } from '../../db/calendar.ts';
import type { Db } from '../../db/client.ts';
import { defaultOverdueRules, type OverdueRules } from '../../db/overdue-rules.ts';
import type { JobDeps } from '../../jobs/types.ts';

/** What a job body gets, over a test database: Viet Nam's calendar, the law's limits (or some changed), silent logs. */
export function createJobDeps(db: Db, options: { defaultLocale?: Locale; rules?: Partial<OverdueRules> } = {}): JobDeps {
  return {
    db,
    numbers: { calendar: createCalendar(), rules: { ...defaultOverdueRules, ...options.rules } },
    logger: pino({ level: 'silent' }),
    config: { timeZone: 'Asia/Ho_Chi_Minh', defaultLocale: options.defaultLocale ?? 'vi' },
    charts: pngCharts,
  };
}
