import type { Hono } from 'hono';
import { listReadableUnits } from '../../db/access.ts';
import { revokeWebSession } from '../../db/web-sessions.ts';
import type { Deps } from '../deps.ts';
import { hasCsrfToken, isSameOrigin, readForm } from '../http/form-guard.ts';
import { clearCookie, cookiePolicy } from '../http/web-cookies.ts';
import { loadWebSession, type WebEnv } from '../http/web-session.ts';
import { findReadableUnit } from './dashboard/page-context.ts';
import { renderUnitPage } from './dashboard/unit-routes.tsx';
import { GreetingCard, SignedOutPage, UnitsCard } from './home-page.tsx';
import { langQuery, pageLocale } from './locale.ts';
import { errorPage, limitForm, pageHeaders } from './page-guards.tsx';
import { ChannelsLinkCard } from './try-it/channels-page.tsx';
import { offerPersonas } from './try-it/persona-routes.tsx';
import { isTryItAllowed } from './try-it/try-it-guard.ts';

/** Where a sign-out form posts. */
export const SIGN_OUT_PATH = '/dang-xuat';

/** `GET /`: how to sign in, or the signed-in person's dashboard (their own unit's page); `POST /dang-xuat` ends the session. */
export function addHomeRoutes(app: Hono<WebEnv>, deps: Deps): void {
  const policy = cookiePolicy(deps.config.publicUrl);
  const fallback = deps.config.defaultLocale;
  const session = loadWebSession(deps);

  app.get('/', pageHeaders, session, async (c) => {
    const current = c.get('session');
    const locale = pageLocale(c, current?.person.locale, fallback);
    const otherLanguage = `/?lang=${locale === 'vi' ? 'en' : 'vi'}`;
    if (!current) return c.html(<SignedOutPage locale={locale} otherLanguage={otherLanguage} personas={await offerPersonas(c, deps)} />);
    // Signed in, the page is the dashboard of the person's own unit (a province leader's: the province).
    const unit = await findReadableUnit(deps, current.person, current.person.unitCode);
    if (!unit) return errorPage(c, deps, 'web.error.not_found', 404);
    const units = await listReadableUnits(deps.db, current.person);
    const asked = c.req.query('lang');
    return renderUnitPage(c, deps, current, unit, '/', {
      before: <GreetingCard locale={locale} person={current.person} sessionEnds={current.expiresAt} timeZone={deps.config.timeZone} />,
      after: (
        <>
          <UnitsCard locale={locale} units={units} query={asked === 'vi' || asked === 'en' ? `?lang=${asked}` : ''} />
          {(await isTryItAllowed(c, deps)) && <ChannelsLinkCard locale={locale} />}
        </>
      ),
    });
  });

  app.post(SIGN_OUT_PATH, pageHeaders, limitForm(deps), session, async (c) => {
    const form = await readForm(c);
    const current = c.get('session');
    if (!isSameOrigin(c, deps.config.publicUrl) || (current && !hasCsrfToken(form, current.csrf))) {
      return errorPage(c, deps, 'web.error.forbidden', 403, form.lang);
    }
    // Signed out already (or the session ran out): nothing to end.
    if (current) await revokeWebSession(deps.db, current.idHash, deps.now());
    clearCookie(c, 'session', policy);
    const locale = pageLocale(c, current?.person.locale, fallback, form.lang);
    return c.redirect(`/${langQuery(locale, fallback)}`, 303);
  });
}
