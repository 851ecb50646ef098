import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Logger } from '../logger.ts';
import type { Locale } from '../../bot/i18n/index.ts';
import { UserError } from '../../db/errors.ts';
import type { AppEnv } from './app-env.ts';
import { HttpError } from './http-error.ts';
import { pickLocale } from './locale.ts';
import { renderMessage } from './messages.ts';

/** The one place errors become responses: the caller's mistakes explained, ours only logged. */
export function createErrorHandler(logger: Logger, defaultLocale: Locale): ErrorHandler<AppEnv> {
  return (err, c) => {
    const locale = localeOf(c, defaultLocale);
    if (err instanceof HttpError) {
      for (const [name, value] of Object.entries(err.extra.headers ?? {})) c.header(name, value);
      const message = renderMessage(locale, err.code, err.params);
      return c.json({ error: err.code, message, ...err.extra.body }, err.status);
    }
    if (err instanceof UserError) {
      return c.json({ error: err.code, message: renderMessage(locale, err.code, err.params) }, statusOf(err));
    }
    if (err instanceof HTTPException && err.status < 500) {
      const status = err.status as ContentfulStatusCode;
      return c.json({ error: 'http_error', message: renderMessage(locale, 'http_error', { status }) }, status);
    }
    (c.get('log') ?? logger).error({ err }, 'unhandled error');
    // The request id lets an operator find the logged cause; the client learns nothing internal.
    const body = { error: 'internal_error', message: renderMessage(locale, 'internal_error'), request_id: c.get('requestId') };
    return c.json(body, 500);
  };
}

export function createNotFoundHandler(defaultLocale: Locale): NotFoundHandler<AppEnv> {
  return (c) => {
    const message = renderMessage(localeOf(c, defaultLocale), 'not_found', { method: c.req.method, path: c.req.path });
    return c.json({ error: 'not_found', message }, 404);
  };
}

// Something asked for that does not exist is a 404; anything else the caller got wrong, a 400.
function statusOf(err: UserError): 400 | 404 {
  return err.code.endsWith('_not_found') ? 404 : 400;
}

// `?lang=vi|en` (which a download link can carry, a header cannot) wins over Accept-Language.
function localeOf(c: Context<AppEnv>, fallback: Locale): Locale {
  const lang = c.req.query('lang');
  if (lang === 'vi' || lang === 'en') return lang;
  return pickLocale(c.req.header('accept-language'), fallback);
}
