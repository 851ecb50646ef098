import type { Context, Hono } from 'hono';
import { SIGN_IN_PATH } from '../../bot/commands/sign-in.ts';
import { getPersonById } from '../../db/identity.ts';
import { generateSecretToken, hashSecret, isSecretToken } from '../../db/secret-tokens.ts';
import { peekSignInLink, SIGN_IN_LINK_VALID_MS, signInWithLink } from '../../db/sign-in-links.ts';
import { WEB_SESSION_VALID_MS } from '../../db/web-sessions.ts';
import type { Deps } from '../deps.ts';
import { hasCsrfToken, isSameOrigin, readForm } from '../http/form-guard.ts';
import { cookiePolicy, readCookie, writeCookie } from '../http/web-cookies.ts';
import { loadWebSession, type WebEnv } from '../http/web-session.ts';
import { langQuery, pageLocale } from './locale.ts';
import { errorPage, limitForm, pageHeaders } from './page-guards.tsx';
import { ConfirmPage, RefusedLinkPage } from './sign-in-pages.tsx';

/** The confirm form's token: bound to this link and to this browser's nonce cookie. */
function signInCsrf(nonce: string, token: string): Promise<string> {
  return hashSecret(`thads sign-in form\0${nonce}\0${token}`);
}

function refused(c: Context<WebEnv>, locale: 'vi' | 'en', state: 'used' | 'expired' | 'unknown') {
  return c.html(<RefusedLinkPage locale={locale} state={state} />, state === 'unknown' ? 404 : 410);
}

/**
 * `GET /dang-nhap/:token` shows whose link it is and a button; `POST` (same origin, the form's
 * token) uses the link and starts the session. Opening a link thus changes nothing: link
 * previews (Telegram's, Slack's unfurls) fetch it without using it up.
 */
export function addSignInRoutes(app: Hono<WebEnv>, deps: Deps): void {
  const policy = cookiePolicy(deps.config.publicUrl);
  const fallback = deps.config.defaultLocale;
  const session = loadWebSession(deps);

  app.get(`${SIGN_IN_PATH}/:token`, pageHeaders, async (c) => {
    const token = c.req.param('token');
    const link = isSecretToken(token) ? await peekSignInLink(deps.db, await hashSecret(token), deps.now()) : { state: 'unknown' as const };
    const person = link.state === 'valid' ? await getPersonById(deps.db, link.staffId) : null;
    const locale = pageLocale(c, person?.locale, fallback);
    if (link.state !== 'valid' || !person) return refused(c, locale, link.state === 'valid' ? 'unknown' : link.state);
    // One nonce per browser, kept while it lasts, so two links opened in two tabs both work.
    const held = readCookie(c, 'sign_in', policy);
    const nonce = held !== undefined && isSecretToken(held) ? held : generateSecretToken();
    writeCookie(c, 'sign_in', nonce, SIGN_IN_LINK_VALID_MS, policy);
    return c.html(
      <ConfirmPage
        locale={locale}
        action={`${SIGN_IN_PATH}/${token}`}
        csrf={await signInCsrf(nonce, token)}
        name={person.name}
        unit={person.unitName}
        expiresAt={link.expiresAt}
        timeZone={deps.config.timeZone}
      />,
    );
  });

  app.post(`${SIGN_IN_PATH}/:token`, pageHeaders, limitForm(deps), session, async (c) => {
    const token = c.req.param('token');
    const form = await readForm(c);
    const locale = pageLocale(c, null, fallback, form.lang);
    const nonce = readCookie(c, 'sign_in', policy);
    const expected = nonce !== undefined && isSecretToken(nonce) && isSecretToken(token) ? await signInCsrf(nonce, token) : undefined;
    if (!isSameOrigin(c, deps.config.publicUrl) || !hasCsrfToken(form, expected)) return errorPage(c, deps, 'web.error.forbidden', 403, form.lang);
    const sessionId = generateSecretToken();
    const outcome = await signInWithLink(deps.db, {
      tokenHash: await hashSecret(token),
      sessionIdHash: await hashSecret(sessionId),
      replaces: c.get('session')?.idHash,
      now: deps.now(),
    });
    if (!outcome.ok) return refused(c, locale, outcome.state);
    writeCookie(c, 'session', sessionId, WEB_SESSION_VALID_MS, policy);
    // The nonce stays its 10 minutes: a form sent twice (a double click, the back button) then
    // hears that the link was used, rather than that the form is not ours.
    return c.redirect(`/${langQuery(locale, fallback)}`, 303);
  });
}
