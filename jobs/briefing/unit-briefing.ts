import { booksPair, creditField, flagsField } from '../../bot/commands/summary-fields.ts';
import type { Reply } from '../../bot/core/reply.ts';
import { formatCount, formatDate } from '../../bot/format.ts';
import { type Locale, t } from '../../bot/i18n/index.ts';
import { formatWeek, periodLine } from '../../bot/report/period.ts';
import { rateLabel, rowLabel } from '../../bot/report/results-rows.ts';
import { targetsMetText } from '../../bot/report/target-rows.ts';
import type { IdleOfficer } from '../../db/numbers/idle-officers.ts';
import type { UnitOverdue } from '../../db/numbers/overdue-by-unit.ts';
import type { Summary } from '../../db/numbers/types.ts';
import type { UpcomingDeadline } from '../../db/numbers/upcoming-deadlines.ts';
import { moreLine, overdueCaseLine, rateLine } from './case-lines.ts';

/** Everything a local unit's Monday briefing shows. */
export interface UnitBriefing {
  summary: Summary;
  /** The Monday of the briefing's week (the title writes the week as its dates). */
  week: string;
  /** The week the deadlines are listed for (today and six days on). */
  from: string;
  to: string;
  /** The longest overdue cases (five), with the count of all. */
  overdue: UnitOverdue | undefined;
  deadlines: { total: number; items: UpcomingDeadline[] } | undefined;
  idle: IdleOfficer[];
}

/** The giao ban table of one local unit, as its leader reads it on Monday morning. */
export function unitBriefingReply(b: UnitBriefing, locale: Locale): Reply {
  const s = b.summary;
  const overdue = b.overdue?.cases ?? [];
  const deadlines = b.deadlines?.items ?? [];
  return {
    title: t(locale, 'job.briefing.title', { week: formatWeek(b.week, locale), name: s.name }),
    blocks: [
      {
        kind: 'fields',
        fields: [
          { label: rateLabel('cases', locale), value: rateLine(s, 'cases', locale) },
          { label: rateLabel('money', locale), value: rateLine(s, 'money', locale) },
          { label: t(locale, 'cmd.tomtat.targets'), value: targetsMetText(s, locale) },
          ...(['to_enforce', 'with_conditions', 'done', 'carried_to_next'] as const).map((key) => ({
            label: rowLabel(key, locale),
            value: booksPair(s, key, locale),
          })),
          creditField(s, locale),
          flagsField(s, locale),
        ],
      },
      {
        kind: 'text',
        text: [
          t(locale, 'job.briefing.overdue', { count: formatCount(s.overdue, locale) }),
          ...(overdue.length === 0
            ? [t(locale, 'job.briefing.no_overdue')]
            : [t(locale, 'job.briefing.oldest'), ...overdue.map((c) => overdueCaseLine(c, locale)), ...moreLine(s.overdue, overdue.length, locale)]),
        ].join('\n'),
      },
      {
        kind: 'text',
        text: [
          t(locale, 'job.briefing.due_week', {
            from: formatDate(b.from, locale),
            to: formatDate(b.to, locale),
            count: formatCount(b.deadlines?.total ?? 0, locale),
          }),
          ...(deadlines.length === 0
            ? [t(locale, 'job.briefing.none_due')]
            : deadlines.map((d) =>
                t(locale, 'job.briefing.due_line', {
                  date: formatDate(d.due, locale),
                  case: d.code,
                  what: t(locale, `job.briefing.due.${d.kind}`),
                  officer: d.officerName ?? t(locale, 'job.no_officer'),
                }),
              )),
          ...moreLine(b.deadlines?.total ?? 0, deadlines.length, locale, 'job.more_plain'),
        ].join('\n'),
      },
      {
        kind: 'text',
        text:
          b.idle.length === 0
            ? t(locale, 'job.briefing.none_idle')
            : t(locale, 'job.briefing.idle', { count: formatCount(b.idle.length, locale), names: b.idle.map((o) => o.name).join(', ') }),
      },
      { kind: 'context', text: periodLine(s.work_year, s.at, locale) },
    ],
  };
}
