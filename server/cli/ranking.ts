import { targetsCount } from '../../bot/commands/ranking.ts';
import { formatCount, formatRate, placeName, renderTable } from '../../bot/format.ts';
import { type Locale, t } from '../../bot/i18n/index.ts';
import { periodLine } from '../../bot/report/period.ts';
import { getRanking } from '../../db/numbers/ranking.ts';
import type { Ranking } from '../../db/numbers/types.ts';
import { reportDate, writeJson } from './report-date.ts';
import { type CliCommand, writeLine } from './types.ts';

export const rankingCommand: CliCommand = {
  name: 'ranking',
  args: ['<unit>'],
  flags: ['at', 'json'],
  async run(deps, args, io) {
    const ranking = await getRanking(deps.db, args.positionals[0]!, reportDate(deps, args), deps.numbers);
    if (args.flags.json) writeJson(io.stdout, ranking);
    else writeLine(io.stdout, renderRanking(ranking, args.locale));
    return 0;
  },
};

export function renderRanking(r: Ranking, locale: Locale): string {
  const title = t(locale, r.by === 'units' ? 'cli.ranking.title_units' : 'cli.ranking.title_officers', {
    name: r.name,
    unit: r.unit,
  });
  const header = [title, periodLine(r.work_year, r.at, locale), ''];
  if (r.rows.length === 0) return [...header, t(locale, `cli.ranking.empty_${r.by}`)].join('\n');
  const table = renderTable(
    [
      t(locale, 'cli.ranking.rank'),
      t(locale, r.by === 'units' ? 'cli.ranking.unit' : 'cli.ranking.officer'),
      t(locale, 'cli.ranking.done_of'),
      t(locale, 'cli.ranking.cases_rate'),
      t(locale, 'cli.ranking.money_rate'),
      t(locale, 'cli.ranking.meets'),
    ],
    r.rows.map((row) => [
      String(row.rank),
      r.by === 'units' ? `${placeName(row.name)} (${row.code})` : `${row.name} (${row.code})`,
      `${formatCount(row.cases.done, locale)}/${formatCount(row.cases.with_conditions, locale)}`,
      formatRate(row.cases.rate, locale),
      formatRate(row.money.rate, locale),
      targetsCount(row, locale),
    ]),
    { align: ['right', 'left', 'right', 'right', 'right', 'left'] },
  );
  return [...header, table].join('\n');
}
