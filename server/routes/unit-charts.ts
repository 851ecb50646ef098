import { type Context, Hono } from 'hono';
import type { Locale } from '../../bot/i18n/index.ts';
import { getMonthlyRates } from '../../db/numbers/monthly-rates.ts';
import { getRanking } from '../../db/numbers/ranking.ts';
import type { IsoDate } from '../../db/work-year.ts';
import type { Deps } from '../deps.ts';
import type { AppEnv } from '../http/app-env.ts';
import { HttpError } from '../http/http-error.ts';

/**
 * `/api/units/:code/charts/{rates,monthly}.png?at=YYYY-MM-DD&lang=vi|en`: the charts as PNG
 * (bot/charts/), for the dashboard to come. Errors (unknown unit, bad date) are the JSON of the
 * summary route; without `lang`, the server's default language.
 */
export function createUnitChartRoutes(deps: Deps, dateOf: (c: Context<AppEnv>) => IsoDate): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const localeOf = (c: Context<AppEnv>): Locale => {
    const lang = c.req.query('lang');
    if (lang === undefined || lang === '') return deps.config.defaultLocale;
    if (lang !== 'vi' && lang !== 'en') throw new HttpError(400, 'invalid_lang', { value: lang.slice(0, 40) });
    return lang;
  };
  const png = (c: Context<AppEnv>, body: Uint8Array) =>
    c.body(new Uint8Array(body), 200, { 'content-type': 'image/png', 'cache-control': 'no-store' });
  // Workers draw no charts (bot/charts/renderer.ts): there the addresses do not exist.
  const charts = () => {
    if (!deps.charts) throw new HttpError(404, 'charts_off');
    return deps.charts;
  };

  app.get('/:code/charts/rates.png', async (c) => {
    const at = dateOf(c);
    const locale = localeOf(c);
    return png(c, charts().unitsRates(await getRanking(deps.db, c.req.param('code'), at, deps.numbers), locale));
  });
  app.get('/:code/charts/monthly.png', async (c) => {
    const at = dateOf(c);
    const locale = localeOf(c);
    return png(c, charts().monthlyRates(await getMonthlyRates(deps.db, c.req.param('code'), at), locale));
  });
  return app;
}
