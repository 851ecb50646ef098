import type { Hono } from 'hono';
import { canReadCase, isLeader } from '../../../db/access.ts';
import { getCaseTimeline } from '../../../db/case-timeline.ts';
import { type CaseState, getCaseState } from '../../../db/case-updates/index.ts';
import { UserError } from '../../../db/errors.ts';
import type { Deps } from '../../deps.ts';
import { loadWebSession, type WebEnv } from '../../http/web-session.ts';
import { langQuery, pageLocale } from '../locale.ts';
import { errorPage, pageHeaders } from '../page-guards.tsx';
import { CasePage } from './case-page.tsx';

/**
 * `GET /viec/:code`: a case's page, for whoever may read the case (db/access.ts canReadCase, the
 * chat's `vuviec` rule); a case they may not read is answered exactly as one that does not exist.
 */
export function addCaseRoutes(app: Hono<WebEnv>, deps: Deps): void {
  const session = loadWebSession(deps);
  const fallback = deps.config.defaultLocale;
  app.get('/viec/:code', pageHeaders, session, async (c) => {
    const current = c.get('session');
    if (!current) return c.redirect('/', 303);
    const person = current.person;
    let state: CaseState;
    try {
      state = await getCaseState(deps.db, c.req.param('code'));
    } catch (error) {
      if (error instanceof UserError) return errorPage(c, deps, 'web.error.not_found', 404);
      throw error;
    }
    if (!(await canReadCase(deps.db, person, state))) return errorPage(c, deps, 'web.error.not_found', 404);
    // Questions and answers are the leaders' exchange (db/questions.ts), as in the chat.
    const { file, events } = await getCaseTimeline(deps.db, state.code, deps.config.timeZone, { questions: isLeader(person) });
    const locale = pageLocale(c, person.locale, fallback);
    const path = `/viec/${encodeURIComponent(state.code)}`;
    return c.html(
      <CasePage
        locale={locale}
        state={state}
        file={file}
        events={events}
        csrf={current.csrf}
        otherLanguage={`${path}?lang=${locale === 'vi' ? 'en' : 'vi'}`}
        home={`/${langQuery(locale, fallback)}`}
      />,
    );
  });
}
