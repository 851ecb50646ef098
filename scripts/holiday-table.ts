/**
 * Writes db/holiday-table.ts: Viet Nam's public holidays by year, from date-holidays, for the
 * Workers bundle (date-holidays with moment-timezone is ~1.5 MB minified). Run after upgrading
 * date-holidays: `npm run holiday-table`; test/db/holiday-table.test.ts fails until it is rerun.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { vietnamPublicHolidays } from '../db/calendar.ts';
import { HOLIDAY_TABLE_YEARS, renderHolidayTable } from './holiday-table-render.ts';

const out = fileURLToPath(new URL('../db/holiday-table.ts', import.meta.url));
writeFileSync(out, renderHolidayTable(vietnamPublicHolidays, HOLIDAY_TABLE_YEARS));
process.stdout.write(`wrote ${out} (${HOLIDAY_TABLE_YEARS.first}–${HOLIDAY_TABLE_YEARS.last})\n`);
