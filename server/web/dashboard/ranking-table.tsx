import { formatRate, placeName } from '../../../bot/format.ts';
import { type Locale, t } from '../../../bot/i18n/index.ts';
import type { Ranking, RankingRow } from '../../../db/numbers/types.ts';
import { DataTable } from './data-table.tsx';

/** "đạt 3/4", "đạt cả 04", or a dash when no target is set: the chat's ranking words. */
export function metText(row: Pick<RankingRow, 'targets_met'>, locale: Locale): string {
  const met = row.targets_met;
  if (!met) return '—';
  return met.count === 4 ? t(locale, 'cmd.xephang.met_all') : t(locale, 'cmd.xephang.met', { count: met.count });
}

/**
 * A province's units (by their place name, each linking to its page) or a local unit's officers,
 * ranked by both rates, as getRanking ranks them.
 */
export function RankingTable({ ranking, locale, query }: { ranking: Ranking; locale: Locale; query: string }) {
  const byUnits = ranking.by === 'units';
  return (
    <section class="card" id="ranking">
      <h2>{t(locale, byUnits ? 'dash.ranking.units' : 'dash.ranking.officers')}</h2>
      {ranking.rows.length === 0 ? (
        <p>{t(locale, 'dash.ranking.none')}</p>
      ) : (
        <DataTable
          columns={[
            { head: t(locale, 'dash.ranking.rank'), num: true },
            { head: t(locale, byUnits ? 'dash.ranking.unit' : 'dash.ranking.officer') },
            { head: t(locale, 'table.rate.cases'), num: true },
            { head: t(locale, 'table.rate.money'), num: true },
            { head: t(locale, 'dash.ranking.targets') },
          ]}
          mark="code"
          rows={ranking.rows.map((r) => ({
            id: r.code,
            cells: [
              r.rank,
              byUnits ? <a href={`/don-vi/${encodeURIComponent(r.code)}${query}`}>{placeName(r.name)}</a> : r.name,
              formatRate(r.cases.rate, locale),
              formatRate(r.money.rate, locale),
              metText(r, locale),
            ],
          }))}
        />
      )}
    </section>
  );
}
