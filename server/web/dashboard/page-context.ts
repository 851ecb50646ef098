import type { Context } from 'hono';
import { formatDate } from '../../../bot/format.ts';
import { type Locale, t } from '../../../bot/i18n/index.ts';
import { canReadUnit } from '../../../db/access.ts';
import { UserError } from '../../../db/errors.ts';
import type { Person } from '../../../db/identity.ts';
import { getUnitByCode, type UnitRow } from '../../../db/units.ts';
import { type IsoDate, isIsoDate, todayIn } from '../../../db/work-year.ts';
import type { Deps } from '../../deps.ts';
import type { WebEnv } from '../../http/web-session.ts';

/** The day a page's figures are taken on, and what to tell the person when `?at=` was no date. */
export interface PageDate {
  at: IsoDate;
  /** `?at=` exactly as given, when it was given. */
  asked: string | undefined;
  /** A one-line message when `?at=` was not a date (the page then shows today). */
  badDate: string | null;
}

/** `?at=YYYY-MM-DD`, or today in the agencies' time zone; a bad date is today with a message. */
export function pageDate(c: Context<WebEnv>, deps: Pick<Deps, 'config' | 'now'>, locale: Locale): PageDate {
  const today = todayIn(deps.config.timeZone, deps.now());
  const asked = c.req.query('at');
  if (asked === undefined || asked === '') return { at: today, asked: undefined, badDate: null };
  if (isIsoDate(asked)) return { at: asked, asked, badDate: null };
  return { at: today, asked: undefined, badDate: t(locale, 'dash.bad_date', { value: asked.slice(0, 40), today: formatDate(today, locale) }) };
}

/**
 * The unit with this code if the person may read it (db/access.ts canReadUnit), else null:
 * a unit they may not read is answered as one that does not exist, as the chat does.
 */
export async function findReadableUnit(deps: Pick<Deps, 'db'>, person: Person, code: string): Promise<UnitRow | null> {
  let unit: UnitRow;
  try {
    unit = await getUnitByCode(deps.db, code);
  } catch (error) {
    if (error instanceof UserError) return null;
    throw error;
  }
  return (await canReadUnit(deps.db, person, unit.id)) ? unit : null;
}

/** A query string of the page's own settings (`at`, `lang`), for links that keep them. */
export function keepQuery(params: { at?: string | undefined; lang?: string | undefined }): string {
  const q = new URLSearchParams();
  if (params.at) q.set('at', params.at);
  if (params.lang === 'vi' || params.lang === 'en') q.set('lang', params.lang);
  const s = q.toString();
  return s === '' ? '' : `?${s}`;
}
