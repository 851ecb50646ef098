import type { Context, Hono } from 'hono';
import type { Child } from 'hono/jsx';
import { isLeader } from '../../../db/access.ts';
import type { UnitRow } from '../../../db/units.ts';
import type { Deps } from '../../deps.ts';
import { loadWebSession, type WebEnv, type WebSession } from '../../http/web-session.ts';
import { pageLocale } from '../locale.ts';
import { errorPage, pageHeaders } from '../page-guards.tsx';
import { findReadableUnit, pageDate } from './page-context.ts';
import { getUnitDashboard } from './unit-data.ts';
import { UnitPage } from './unit-page.tsx';

/** A unit's page for this session at `path`, as of `?at=`; `before`/`after` frame it (the home page). */
export async function renderUnitPage(
  c: Context<WebEnv>,
  deps: Deps,
  session: WebSession,
  unit: UnitRow,
  path: string,
  frame: { before?: Child; after?: Child } = {},
) {
  const locale = pageLocale(c, session.person.locale, deps.config.defaultLocale);
  const date = pageDate(c, deps, locale);
  const asked = c.req.query('lang');
  const lang = asked === 'vi' || asked === 'en' ? asked : undefined;
  const other = new URLSearchParams({ ...(date.asked ? { at: date.asked } : {}), lang: locale === 'vi' ? 'en' : 'vi' });
  const data = await getUnitDashboard(deps, session.person, unit, date.at);
  return c.html(
    <UnitPage
      locale={locale}
      data={data}
      date={date}
      lang={lang}
      path={path}
      csrf={session.csrf}
      otherLanguage={`${path}?${other.toString()}`}
      canDownload={isLeader(session.person)}
      {...frame}
    />,
  );
}

/** `GET /don-vi/:code`: a unit's page, for whoever may read the unit; any other unit is "no such page". */
export function addUnitRoutes(app: Hono<WebEnv>, deps: Deps): void {
  const session = loadWebSession(deps);
  app.get('/don-vi/:code', pageHeaders, session, async (c) => {
    const current = c.get('session');
    if (!current) return c.redirect('/', 303);
    const unit = await findReadableUnit(deps, current.person, c.req.param('code'));
    if (!unit) return errorPage(c, deps, 'web.error.not_found', 404);
    return renderUnitPage(c, deps, current, unit, `/don-vi/${encodeURIComponent(unit.code)}`);
  });
}
