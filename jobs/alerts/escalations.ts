import type { Reply } from '../../bot/core/reply.ts';
import { formatCount, formatDate, placeName } from '../../bot/format.ts';
import { type Locale, t } from '../../bot/i18n/index.ts';
import type { OverdueCaseRef } from '../../db/numbers/overdue-by-unit.ts';
import type { IsoDate } from '../../db/work-year.ts';
import { moreLine, overdueCaseLine } from '../briefing/case-lines.ts';

const PER_UNIT_LISTED = 5;

/**
 * One private message to a leader for the day: per unit they oversee, the cases overdue more
 * than the threshold, longest first (five per unit, with how many more), officers named.
 */
export function escalationReply(
  units: readonly { code: string; name: string; count: number; cases: readonly OverdueCaseRef[] }[],
  opts: { today: IsoDate; days: number },
  locale: Locale,
): Reply {
  return {
    title: t(locale, 'job.escalation.title', { days: opts.days, date: formatDate(opts.today, locale) }),
    blocks: [
      ...units.map((u) => {
        const shown = u.cases.slice(0, PER_UNIT_LISTED);
        return {
          kind: 'text' as const,
          text: [
            t(locale, 'job.escalation.unit', { name: placeName(u.name), unit: u.code, count: formatCount(u.count, locale) }),
            ...shown.map((c) => overdueCaseLine(c, locale)),
            ...moreLine(u.count, shown.length, locale),
          ].join('\n'),
        };
      }),
      { kind: 'context', text: t(locale, 'cmd.as_of_day', { at: formatDate(opts.today, locale) }) },
    ],
  };
}
