import { type Context, Hono } from 'hono';
import { getReportData } from '../../bot/report/report-data.ts';
import { getOverdue } from '../../db/numbers/overdue.ts';
import { getRanking } from '../../db/numbers/ranking.ts';
import { getSummary } from '../../db/numbers/summary.ts';
import { type IsoDate, isIsoDate, todayIn } from '../../db/work-year.ts';
import type { Deps } from '../deps.ts';
import type { AppEnv } from '../http/app-env.ts';
import { HttpError } from '../http/http-error.ts';
import { pickLocale } from '../http/locale.ts';
import { createUnitChartRoutes } from './unit-charts.ts';

/**
 * `/api/units/:code/{summary,ranking,overdue}?at=YYYY-MM-DD`: the same JSON as the CLI's `--json`;
 * `/api/units/:code/report.xlsx?at=…&lang=…`: the file of `thads report --xlsx`; the charts' PNGs
 * under `/api/units/:code/charts/` (unit-charts.ts).
 * An unknown unit is the numbers' UserError `unit_not_found`, which the boundary turns into 404.
 */
export function createUnitRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const dateOf = (c: Context<AppEnv>): IsoDate => {
    const at = c.req.query('at');
    // "Today" is a date in the agencies' time zone, not the server's nor UTC.
    if (at === undefined || at === '') return todayIn(deps.config.timeZone, deps.now());
    if (!isIsoDate(at)) throw new HttpError(400, 'invalid_date', { value: at.slice(0, 40) });
    return at;
  };

  app.get('/:code/summary', async (c) => c.json(await getSummary(deps.db, c.req.param('code'), dateOf(c), deps.numbers)));
  app.get('/:code/ranking', async (c) => c.json(await getRanking(deps.db, c.req.param('code'), dateOf(c), deps.numbers)));
  app.get('/:code/overdue', async (c) => {
    const at = dateOf(c);
    const limit = c.req.query('limit');
    if (limit !== undefined && !/^[1-9]\d{0,5}$/.test(limit)) throw new HttpError(400, 'invalid_limit', { value: limit.slice(0, 40) });
    const list = limit === undefined ? {} : { limit: Number(limit) };
    return c.json(await getOverdue(deps.db, c.req.param('code'), at, deps.numbers, list));
  });
  app.get('/:code/report.xlsx', async (c) => {
    const at = dateOf(c);
    const lang = c.req.query('lang');
    if (lang !== undefined && lang !== 'vi' && lang !== 'en') throw new HttpError(400, 'invalid_lang', { value: lang.slice(0, 40) });
    const locale = lang ?? pickLocale(c.req.header('accept-language'), deps.config.defaultLocale);
    const data = await getReportData(deps.db, c.req.param('code'), at, deps.numbers);
    // exceljs is loaded on the first report asked for, not when the server starts.
    const xlsx = await import('../../bot/report/xlsx/workbook.ts');
    const bytes = await xlsx.buildReportXlsx(data, locale, deps.now());
    return c.body(bytes, 200, {
      'Content-Type': xlsx.XLSX_CONTENT_TYPE,
      'Content-Disposition': `attachment; filename="${xlsx.reportFileName(data.summary.unit, at)}"`,
      'Cache-Control': 'no-store',
    });
  });
  app.route('/', createUnitChartRoutes(deps, dateOf));
  return app;
}
