import type { MonthlyRates } from '../../db/numbers/monthly-rates.ts';
import type { Ranking } from '../../db/numbers/types.ts';
import type { Locale } from '../i18n/index.ts';

/**
 * The charts as PNG, given to whatever draws them (the briefing job, the API, the web pages)
 * rather than imported: Node has ECharts and resvg (bot/charts/png-charts.ts); the Workers
 * bundle has neither (ECharts ~1 MB, resvg native or a 2.5 MB wasm), so there it is absent and
 * the briefing goes without its picture.
 */
export interface ChartRenderer {
  unitsRates(ranking: Ranking, locale: Locale): Uint8Array;
  monthlyRates(rates: MonthlyRates, locale: Locale): Uint8Array;
}
