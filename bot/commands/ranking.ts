import { canRank } from '../../db/access.ts';
import { getRanking } from '../../db/numbers/ranking.ts';
import type { Ranking, RankingRow } from '../../db/numbers/types.ts';
import { defineCommand } from '../core/command.ts';
import type { Reply } from '../core/reply.ts';
import { formatCount, formatRate, placeName } from '../format.ts';
import { type Locale, t } from '../i18n/index.ts';
import { periodLine } from '../report/period.ts';
import { targetMark } from './summary-fields.ts';
import { isReply, resolveUnit, unitWords } from './unit-arg.ts';

export const rankingCommand = defineCommand({
  name: 'xephang',
  alias: 'ranking',
  allowed: (p) => p !== null && canRank(p),
  args: unitWords,
  async run(ctx, { unit: query }) {
    const unit = await resolveUnit(ctx, query, 'xephang');
    if (isReply(unit)) return unit;
    return rankingReply(await getRanking(ctx.deps.db, unit.code, ctx.today, ctx.deps.numbers), ctx.locale);
  },
});

/**
 * How many of the four targets a row meets, as leaders say it ("đạt 3/4", "đạt cả 04"), or that
 * none is set for that unit or officer: an officer's own targets, never the unit's.
 */
export function targetsCount(row: Pick<RankingRow, 'targets_met'>, locale: Locale): string {
  const met = row.targets_met;
  if (!met) return t(locale, 'cmd.xephang.no_targets');
  return met.count === 4 ? t(locale, 'cmd.xephang.met_all') : t(locale, 'cmd.xephang.met', { count: met.count });
}

/**
 * Units (or officers) ranked, with ✓/✗ against each rate target and how many of the four
 * targets are met: short enough for a phone.
 */
export function rankingReply(r: Ranking, locale: Locale): Reply {
  return {
    title: t(locale, `cmd.xephang.title.${r.by}`, { name: r.name, unit: r.unit }),
    blocks: [
      {
        kind: 'table',
        headers: ['#', t(locale, `cmd.xephang.col.${r.by}`), t(locale, 'cmd.xephang.col.cases'), t(locale, 'cmd.xephang.col.money'), t(locale, 'cmd.xephang.col.targets')],
        rows: r.rows.map((row) => [
          String(row.rank),
          r.by === 'units' ? placeName(row.name) : row.name,
          `${formatRate(row.cases.rate, locale)} ${targetMark(row.meets.cases_rate)}`,
          `${formatRate(row.money.rate, locale)} ${targetMark(row.meets.money_rate)}`,
          targetsCount(row, locale),
        ]),
        align: ['right', 'left', 'right', 'right', 'left'],
      },
      { kind: 'text', text: t(locale, 'cmd.xephang.legend', { count: formatCount(r.rows.length, locale) }) },
      { kind: 'context', text: periodLine(r.work_year, r.at, locale) },
    ],
  };
}
