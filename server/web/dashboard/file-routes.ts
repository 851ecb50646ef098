import type { Context, Hono } from 'hono';
import type { Locale } from '../../../bot/i18n/index.ts';
import { getReportData } from '../../../bot/report/report-data.ts';
import { canRank, isLeader } from '../../../db/access.ts';
import type { Person } from '../../../db/identity.ts';
import { getMonthlyRates } from '../../../db/numbers/monthly-rates.ts';
import { getRanking } from '../../../db/numbers/ranking.ts';
import type { UnitRow } from '../../../db/units.ts';
import type { IsoDate } from '../../../db/work-year.ts';
import type { Deps } from '../../deps.ts';
import { loadWebSession, type WebEnv } from '../../http/web-session.ts';
import { pageLocale } from '../locale.ts';
import { errorPage, pageHeaders } from '../page-guards.tsx';
import { findReadableUnit, pageDate } from './page-context.ts';

type Handler = (c: Context<WebEnv>, unit: UnitRow, locale: Locale, at: IsoDate) => Promise<Response>;

/**
 * The files a unit's page links to, for the signed-in person only: its charts (bot/charts, as
 * the admin API draws them) and its XLSX report (bot/report/xlsx, as `thads report --xlsx`).
 * A unit the person may not read, or a file their role may not have, is "no such page".
 */
export function addUnitFileRoutes(app: Hono<WebEnv>, deps: Deps): void {
  const session = loadWebSession(deps);
  const guarded = (path: string, allowed: (p: Person) => boolean, handle: Handler) =>
    app.get(path, pageHeaders, session, async (c) => {
      const current = c.get('session');
      const unit = current && allowed(current.person) ? await findReadableUnit(deps, current.person, c.req.param('code') ?? '') : null;
      if (!current || !unit) return errorPage(c, deps, 'web.error.not_found', 404);
      const locale = pageLocale(c, current.person.locale, deps.config.defaultLocale);
      // A file has no page to show a message above: a bad date is refused, not silently today.
      const date = pageDate(c, deps, locale);
      if (date.badDate !== null) return errorPage(c, deps, 'dash.bad_file_date', 400, undefined, { value: (c.req.query('at') ?? '').slice(0, 40) });
      return handle(c, unit, locale, date.at);
    });
  const png = (c: Context<WebEnv>, body: Uint8Array) => c.body(new Uint8Array(body), 200, { 'Content-Type': 'image/png' });
  const charts = deps.charts;

  // A province's units, or a local unit's officers: the ranking, so leaders only (canRank).
  guarded('/don-vi/:code/bieu-do/ty-le.png', (p) => charts !== undefined && canRank(p), async (c, unit, locale, at) =>
    png(c, charts!.unitsRates(await getRanking(deps.db, unit.code, at, deps.numbers), locale)),
  );
  guarded('/don-vi/:code/bieu-do/thang.png', () => charts !== undefined, async (c, unit, locale, at) =>
    png(c, charts!.monthlyRates(await getMonthlyRates(deps.db, unit.code, at), locale)),
  );
  // The report lists every overdue case and ranks people: what a leader sees, so leaders only.
  guarded('/don-vi/:code/bao-cao.xlsx', isLeader, async (c, unit, locale, at) => {
    const data = await getReportData(deps.db, unit.code, at, deps.numbers);
    // exceljs is loaded on the first report asked for, not when the server starts.
    const xlsx = await import('../../../bot/report/xlsx/workbook.ts');
    const bytes = await xlsx.buildReportXlsx(data, locale, deps.now());
    return c.body(bytes, 200, {
      'Content-Type': xlsx.XLSX_CONTENT_TYPE,
      'Content-Disposition': `attachment; filename="${xlsx.reportFileName(data.summary.unit, at)}"`,
    });
  });
}
