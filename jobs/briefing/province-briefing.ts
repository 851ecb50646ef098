import type { ChartRenderer } from '../../bot/charts/renderer.ts';
import { rankingReply } from '../../bot/commands/ranking.ts';
import { booksPair, creditField, flagsField } from '../../bot/commands/summary-fields.ts';
import type { Reply } from '../../bot/core/reply.ts';
import { formatCount, formatDate } from '../../bot/format.ts';
import { type Locale, t } from '../../bot/i18n/index.ts';
import { formatWeek } from '../../bot/report/period.ts';
import { rateLabel, rowLabel } from '../../bot/report/results-rows.ts';
import { targetsMetText } from '../../bot/report/target-rows.ts';
import { rankRows, toRow } from '../../db/numbers/ranking.ts';
import type { Ranking, Summary } from '../../db/numbers/types.ts';
import type { Photo } from '../types.ts';
import { rateLine } from './case-lines.ts';

/** A province's child units ranked as /xephang ranks them, from summaries already computed. */
export function rankChildren(province: Summary, children: readonly { id: number; summary: Summary }[]): Ranking {
  const rows = rankRows(children.map((c) => toRow({ id: c.id, code: c.summary.unit, name: c.summary.name }, c.summary, c.summary.targets)));
  return { unit: province.unit, name: province.name, work_year: province.work_year, at: province.at, by: 'units', rows };
}

/** The province's Monday table: its units ranked with ✓/✗ against targets, then the province total. */
export function provinceBriefingReply(province: Summary, ranking: Ranking, week: string, locale: Locale): Reply {
  const ranked = rankingReply(ranking, locale);
  const [table, ...rest] = ranked.blocks;
  return {
    title: t(locale, 'job.briefing.province_title', { week: formatWeek(week, locale), name: province.name }),
    blocks: [
      ...(table ? [table] : []),
      { kind: 'text', text: t(locale, 'job.briefing.province_total') },
      {
        kind: 'fields',
        fields: [
          { label: rateLabel('cases', locale), value: rateLine(province, 'cases', locale) },
          { label: rateLabel('money', locale), value: rateLine(province, 'money', locale) },
          { label: t(locale, 'cmd.tomtat.targets'), value: targetsMetText(province, locale) },
          ...(['to_enforce', 'done', 'carried_to_next'] as const).map((key) => ({ label: rowLabel(key, locale), value: booksPair(province, key, locale) })),
          creditField(province, locale),
          flagsField(province, locale),
          { label: t(locale, 'job.briefing.units_overdue'), value: formatCount(province.overdue, locale) },
        ],
      },
      ...rest,
    ],
  };
}

/**
 * The units' rates against their targets as a picture sent after the table (bot/charts/): drawn
 * when the job plans, so that delivery only sends bytes the row holds.
 */
export function provinceBriefingPhoto(charts: ChartRenderer, ranking: Ranking, locale: Locale): Photo {
  return {
    png: charts.unitsRates(ranking, locale),
    caption: t(locale, 'chart.caption.units', { at: formatDate(ranking.at, locale) }),
    filename: `${ranking.unit}-${ranking.at}.png`,
  };
}
