import { and, eq, inArray } from 'drizzle-orm';
import { worksOnCases } from '../../db/access.ts';
import { listReportableCases, type ListedCase } from '../../db/case-list.ts';
import type { Person } from '../../db/identity.ts';
import { OPEN } from '../../db/numbers/case-state.ts';
import { cases } from '../../db/schema.ts';
import { fold } from '../../db/text.ts';
import { todayIn } from '../../db/work-year.ts';
import type { Core } from '../core/dispatch.ts';
import { formatCount, formatDate, formatMoneyShort } from '../format.ts';
import { clipText, graphemePrefix } from '../format/clip.ts';
import { type Locale, t } from '../i18n/index.ts';

/** Slack shows at most 100 options in an external select, each at most 75 characters. */
const MAX_OPTIONS = 100;
const MAX_TEXT = 75;

/**
 * The cases the person may report on (db/case-list.ts: an officer's own, a unit leader's
 * unit's), most urgent first, whose code or decision number contains every word typed,
 * compared without case or diacritics. Each option reads "code · còn 48 tr ₫ · hạn 30/11/2026".
 */
export async function searchReportableCases(core: Core, person: Person, query: string): Promise<{ text: string; value: string }[]> {
  if (!worksOnCases(person)) return [];
  const { deps } = core;
  const locale: Locale = person.locale ?? deps.config.defaultLocale;
  const today = todayIn(deps.config.timeZone, deps.now());
  const mine = await listReportableCases(deps.db, person, today, deps.numbers);
  const words = fold(graphemePrefix(query, 100)).split(/\s+/).filter(Boolean);
  let found = mine;
  if (words.length > 0) {
    const decisions = await decisionNumbers(core, person, mine);
    found = mine.filter((c) => {
      const haystack = `${fold(c.code)} ${fold(decisions.get(c.code) ?? '')}`;
      return words.every((w) => haystack.includes(w));
    });
  }
  return found.slice(0, MAX_OPTIONS).map((c) => ({ text: optionText(c, locale), value: c.code }));
}

/** Decision numbers of the listed cases: the list itself does not carry them. */
async function decisionNumbers(core: Core, person: Person, listed: ListedCase[]): Promise<Map<string, string>> {
  if (listed.length === 0) return new Map();
  const rows = await core.deps.db
    .select({ code: cases.code, decisionNo: cases.decisionNo })
    .from(cases)
    .where(and(eq(cases.unitId, person.unitId), inArray(cases.status, [...OPEN])));
  return new Map(rows.map((r) => [r.code, r.decisionNo]));
}

function optionText(c: ListedCase, locale: Locale): string {
  // Nothing owed is either no money at all or paid in full: the code alone says neither wrongly.
  const money = c.remaining > 0 ? t(locale, 'views.modal.option', { case: c.code, remaining: formatMoneyShort(c.remaining, locale) }) : c.code;
  const when = c.dueDate
    ? t(locale, 'views.modal.option_due', { date: formatDate(c.dueDate, locale) })
    : c.daysOverdue !== null
      ? t(locale, 'views.modal.option_overdue', { days: formatCount(c.daysOverdue, locale) })
      : '';
  const full = when ? `${money} · ${when}` : money;
  return clipText(full, MAX_TEXT);
}
