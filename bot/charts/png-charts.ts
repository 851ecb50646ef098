import { renderMonthlyRatesChart } from './monthly-rates.ts';
import type { ChartRenderer } from './renderer.ts';
import { renderUnitsRatesChart } from './units-rates.ts';

/** The charts drawn by ECharts and resvg-js (Node). */
export const pngCharts: ChartRenderer = {
  unitsRates: renderUnitsRatesChart,
  monthlyRates: renderMonthlyRatesChart,
};
