import type { Context } from 'hono';
import type { Locale } from '../../bot/i18n/index.ts';

/**
 * The language of a page: `?lang=vi|en` (or a form's `lang` field) first, then the person's own
 * choice (`ngonngu`), then DEFAULT_LOCALE, Vietnamese unless set otherwise. The browser's
 * Accept-Language is not asked: staff read the bot's Vietnamese whatever their browser says.
 */
export function pageLocale(c: Context, personLocale: Locale | null | undefined, fallback: Locale, field?: string): Locale {
  const asked = field ?? c.req.query('lang');
  if (asked === 'vi' || asked === 'en') return asked;
  return personLocale ?? fallback;
}

/** The query that keeps a page's language across a link or a redirect, when it is not the default. */
export function langQuery(locale: Locale, fallback: Locale): string {
  return locale === fallback ? '' : `?lang=${locale}`;
}
