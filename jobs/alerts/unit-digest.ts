import type { Reply } from '../../bot/core/reply.ts';
import { formatCount, formatDate } from '../../bot/format.ts';
import { type Locale, t } from '../../bot/i18n/index.ts';
import type { UnitOverdueDigest } from '../../db/numbers/overdue-digest.ts';
import type { IsoDate } from '../../db/work-year.ts';
import { moreLine, overdueCaseLine } from '../briefing/case-lines.ts';
import { isNewlyOverdue } from './new-overdue.ts';

/** How many newly overdue cases a digest lists (the query returns no more). */
export const NEW_LISTED = 20;
/** How many of the others, the longest overdue. */
export const OLDEST_LISTED = 5;

export interface UnitDigest {
  reply: Reply;
  /** The officers named in the text, for mentions. */
  named: { id: number | null; name: string | null }[];
}

/**
 * One unit's overdue digest for the day: the cases newly overdue since the last alert first,
 * each with its reasons and officer, then the count of all and the longest overdue of the
 * others, and how many went up to the leader in charge of the area.
 */
export function unitDigest(
  unit: { name: string },
  overdue: UnitOverdueDigest,
  opts: { today: IsoDate; since: IsoDate; escalated: number; escalateAfterDays: number },
  locale: Locale,
): UnitDigest {
  const freshShown = overdue.cases.filter((c) => isNewlyOverdue(c, opts.since)).slice(0, NEW_LISTED);
  const olderShown = overdue.cases.filter((c) => !isNewlyOverdue(c, opts.since)).slice(0, OLDEST_LISTED);
  const blocks: Reply['blocks'] = [
    {
      kind: 'text',
      text:
        overdue.fresh === 0
          ? t(locale, 'job.alerts.none_new')
          : [
              t(locale, 'job.alerts.new', { count: formatCount(overdue.fresh, locale) }),
              ...freshShown.map((c) => overdueCaseLine(c, locale)),
              ...moreLine(overdue.fresh, freshShown.length, locale),
            ].join('\n'),
    },
  ];
  if (olderShown.length > 0) {
    blocks.push({
      kind: 'text',
      text: [
        t(locale, 'job.alerts.still', { count: formatCount(overdue.total, locale) }),
        ...olderShown.map((c) => overdueCaseLine(c, locale)),
        ...moreLine(overdue.total - overdue.fresh, olderShown.length, locale),
      ].join('\n'),
    });
  }
  if (opts.escalated > 0) {
    blocks.push({
      kind: 'text',
      text: t(locale, 'job.alerts.escalated', { count: formatCount(opts.escalated, locale), days: opts.escalateAfterDays }),
    });
  }
  blocks.push({ kind: 'context', text: t(locale, 'cmd.as_of_day', { at: formatDate(opts.today, locale) }) });
  return {
    reply: { title: t(locale, 'job.alerts.title', { date: formatDate(opts.today, locale), name: unit.name }), blocks },
    named: [...freshShown, ...olderShown].map((c) => ({ id: c.officerId, name: c.officer_name })),
  };
}
