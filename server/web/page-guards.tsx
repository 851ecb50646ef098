import type { Context, ErrorHandler, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { t } from '../../bot/i18n/index.ts';
import type { Deps } from '../deps.ts';
import type { WebEnv } from '../http/web-session.ts';
import { pageLocale } from './locale.ts';
import { ErrorPage } from './sign-in-pages.tsx';

/** A form holds a token and a language: anything bigger is not one of ours. */
const MAX_FORM_BYTES = 16 * 1024;

/**
 * Headers of every page: nothing cached (a page names a person), no Referer to other sites (a
 * sign-in link's token is in its path; `no-referrer` would also make browsers send `Origin: null`
 * with our own forms, which isSameOrigin refuses), no framing (a hidden frame could get the sign-in button pressed), and
 * nothing loaded but the inline style and this origin's images (the charts); forms post to this origin only.
 */
export const pageHeaders: MiddlewareHandler<WebEnv> = async (c, next) => {
  c.header('Cache-Control', 'no-store');
  c.header('Referrer-Policy', 'same-origin');
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('X-Frame-Options', 'DENY');
  c.header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
  await next();
};

export function limitForm(deps: Pick<Deps, 'config'>): MiddlewareHandler<WebEnv> {
  return bodyLimit({ maxSize: MAX_FORM_BYTES, onError: (c) => errorPage(c, deps, 'web.error.too_large', 413) });
}

/** A one-line refusal or failure as a page, in the page's language. */
export function errorPage(
  c: Context<WebEnv>,
  deps: Pick<Deps, 'config'>,
  key: string,
  status: 400 | 403 | 404 | 413 | 500,
  lang?: string,
  params?: Record<string, string>,
) {
  const locale = pageLocale(c, c.get('session')?.person.locale, deps.config.defaultLocale, lang);
  return c.html(<ErrorPage locale={locale} message={t(locale, key, params)} />, status);
}

/** The pages' error boundary: the cause logged under the request id, the person shown a page without it. */
export function createPageErrorHandler(deps: Pick<Deps, 'config' | 'logger'>): ErrorHandler<WebEnv> {
  return (err, c) => {
    (c.get('log') ?? deps.logger).error({ err }, 'web page failed');
    return errorPage(c, deps, 'web.error.internal', 500);
  };
}

/** GET or HEAD of a page that does not exist, by a browser: a page rather than the API's JSON. */
export function wantsPage(c: Context): boolean {
  if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return false;
  if (/^\/(api|telegram|slack|healthz)(\/|$)/.test(c.req.path)) return false;
  return (c.req.header('accept') ?? '').includes('text/html');
}

/** The not-found page for browsers (wantsPage); the API and the webhooks keep their JSON. */
export function notFoundPage(c: Context, deps: Pick<Deps, 'config'>) {
  const locale = pageLocale(c, null, deps.config.defaultLocale);
  c.header('Cache-Control', 'no-store');
  return c.html(<ErrorPage locale={locale} message={t(locale, 'web.error.not_found')} />, 404);
}
