import type { Context, Hono } from 'hono';
import { getReportData } from '../../../bot/report/report-data.ts';
import { canRank, isLeader } from '../../../db/access.ts';
import type { Person } from '../../../db/identity.ts';
import { getMonthlyRates } from '../../../db/numbers/monthly-rates.ts';
import { getRanking } from '../../../db/numbers/ranking.ts';
import type { UnitRow } from '../../../db/units.ts';
import type { Deps } from '../../deps.ts';
import { loadWebSession, type WebEnv } from '../../http/web-session.ts';
import { pageLocale } from '../locale.ts';
import { errorPage, pageHeaders } from '../page-guards.tsx';
import { findReadableUnit, pageDate } from './page-context.ts';

type Handler = (c: Context<WebEnv>, unit: UnitRow, person: Person) => Promise<Response>;

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
      return handle(c, unit, current.person);
    });
  const localeOf = (c: Context<WebEnv>, p: Person) => pageLocale(c, p.locale, deps.config.defaultLocale);
  const png = (c: Context<WebEnv>, body: Uint8Array) => c.body(new Uint8Array(body), 200, { 'Content-Type': 'image/png' });
  const charts = deps.charts;

  // A province's units, or a local unit's officers: the ranking, so leaders only (canRank).
  guarded('/don-vi/:code/bieu-do/ty-le.png', (p) => charts !== undefined && canRank(p), async (c, unit, p) => {
    const locale = localeOf(c, p);
    return png(c, charts!.unitsRates(await getRanking(deps.db, unit.code, pageDate(c, deps, locale).at, deps.numbers), locale));
  });
  guarded('/don-vi/:code/bieu-do/thang.png', () => charts !== undefined, async (c, unit, p) => {
    const locale = localeOf(c, p);
    return png(c, charts!.monthlyRates(await getMonthlyRates(deps.db, unit.code, pageDate(c, deps, locale).at), locale));
  });
  // The report lists every overdue case and ranks people: what a leader sees, so leaders only.
  guarded('/don-vi/:code/bao-cao.xlsx', isLeader, async (c, unit, p) => {
    const locale = localeOf(c, p);
    const at = pageDate(c, deps, locale).at;
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
