import type { Catalogue } from '../index.ts';

/** The charts' words (bot/charts/): titles, legends, the briefing photo's caption. */
export const enCharts: Catalogue = {
  'chart.units.title': 'Rates done of the units of {name}',
  'chart.officers.title': 'Rates done of the enforcement officers of {name}',
  'chart.units.subtitle': '{period}; ticks: the targets set',
  'chart.target.cases': 'Target by cases',
  'chart.target.money': 'Target by money',
  'chart.monthly.title': 'Rates done month by month — {name}',
  'chart.monthly.subtitle': 'Work year {year} against the same months of work year {last}; last point as of {at}',
  'chart.monthly.series': '{rate} — work year {year}',
  'chart.no_units': 'No units below this one',
  'chart.caption.units': 'Rates done of the units, as of {at}',
};
